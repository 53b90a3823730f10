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
        return Map.of(
                "quarkus.redis.hosts", redis.url(),
                "gatehouse.state.dir", TestUsers.tempStateDir(),
                "gatehouse.password.bcrypt-cost", "4",
                "gatehouse.login.failure-min-duration", "250ms",
                "gatehouse.users.admin-name", TestUsers.ADMIN,
                "gatehouse.users.admin-password", TestUsers.ADMIN_PASSWORD,
                "gatehouse.users.extra", TestUsers.MOD + ":" + TestUsers.MOD_PASSWORD + ":mod,"
                        + TestUsers.USER + ":" + TestUsers.USER_PASSWORD);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(redis, new TestInjector.AnnotatedAndMatchesType(InjectRedis.class, RedisServer.class));
    }

    @Override
    public void stop() {
        if (redis != null) {
            redis.stop();
        }
    }
}
