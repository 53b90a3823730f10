package dev.gatehouse.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts a real redis-server for the application under test; inject it with {@link InjectRedis}. */
public class RedisResource implements QuarkusTestResourceLifecycleManager {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectRedis {
    }

    private RedisServer redis;

    @Override
    public Map<String, String> start() {
        redis = RedisServer.start(true); // AOF: the outage test restarts it and the accounts must survive
        return Map.ofEntries(
                Map.entry("quarkus.redis.hosts", redis.url()),
                Map.entry("gatehouse.state.dir", TestUsers.tempStateDir()),
                // The tests play the proxy on loopback, telling client addresses in X-Forwarded-For.
                Map.entry("gatehouse.proxy.trusted-addresses", "127.0.0.1,::1"),
                Map.entry("gatehouse.password.bcrypt-cost", "4"),
                Map.entry("gatehouse.login.failure-min-duration", "250ms"),
                Map.entry("gatehouse.users.admin-name", TestUsers.ADMIN),
                Map.entry("gatehouse.users.admin-password", TestUsers.ADMIN_PASSWORD),
                Map.entry("gatehouse.users.extra", TestUsers.MOD + ":" + TestUsers.MOD_PASSWORD + ":mod,"
                        + TestUsers.USER + ":" + TestUsers.USER_PASSWORD + "," + TestUsers.EMAIL_USER + ":"
                        + TestUsers.EMAIL_USER_PASSWORD + ":admin"),
                // Many tests fail logins on purpose from 127.0.0.1; RegulationTest restores the real limits.
                Map.entry("gatehouse.regulation.ip-max-failures", "100000"),
                Map.entry("gatehouse.regulation.user-ip-max-failures", "100000"),
                Map.entry("gatehouse.regulation.user-max-failures", "100000"));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(redis, new TestInjector.AnnotatedAndMatchesType(InjectRedis.class, RedisServer.class));
    }

    @Override
    public void stop() {
        if (redis != null) {
            redis.close();
        }
    }
}
