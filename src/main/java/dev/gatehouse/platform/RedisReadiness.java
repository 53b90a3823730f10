package dev.gatehouse.platform;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Ready while the Redis master answers PING within a second. With Sentinel the client asks the
 * sentinels for the master, so this turns DOWN when the master dies and UP again once the sentinels
 * have promoted a replica and the client has followed: a load balancer that reads readiness sends
 * nothing to an instance that could only answer 503. The second is shorter than the client's own
 * timeout so that the probe itself never hangs.
 */
@Readiness
@ApplicationScoped
public class RedisReadiness implements AsyncHealthCheck {

    private static final Duration LIMIT = Duration.ofSeconds(1);

    private final RedisGateway redis;
    private final String mode;
    private final Optional<String> master;

    public RedisReadiness(RedisGateway redis,
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String mode,
            @ConfigProperty(name = "quarkus.redis.master-name") Optional<String> master) {
        this.redis = redis;
        this.mode = mode.toLowerCase(Locale.ROOT);
        this.master = master;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redis.reactive().execute("PING").ifNoItem().after(LIMIT).fail()
                .map(pong -> describe().up().build())
                .onFailure().recoverWithItem(failure -> describe().down()
                        .withData("error", failure.getClass().getSimpleName()).build());
    }

    private HealthCheckResponseBuilder describe() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("Redis master").withData("mode", mode);
        if ("sentinel".equals(mode)) {
            master.ifPresent(name -> builder.withData("master", name));
        }
        return builder;
    }
}
