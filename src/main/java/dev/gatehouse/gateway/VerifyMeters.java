package dev.gatehouse.gateway;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code gatehouse_verify_total{decision}} and {@code gatehouse_verify_seconds}. Every meter is
 * registered here, once: {@link VerifyRoute} runs on every protected request, so answering only
 * increments a counter and records a duration, without looking a meter up or allocating tags.
 */
@Singleton
class VerifyMeters {

    /** How {@code /auth/verify} answered; {@code ERROR} is a 401 sent because something failed (fail-closed). */
    enum Decision {
        ALLOW, UNAUTHENTICATED, FORBIDDEN, ERROR
    }

    /** Fixed buckets: verify answers in about a millisecond, and gives up after {@link VerifyRoute#ANSWER_WITHIN}. */
    private static final Duration[] BUCKETS = { Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1),
            Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1) };

    private final Counter[] decisions = new Counter[Decision.values().length];
    private final Timer duration;

    VerifyMeters(MeterRegistry registry) {
        for (Decision decision : Decision.values()) {
            decisions[decision.ordinal()] = Counter.builder("gatehouse.verify")
                    .description("Answers of /auth/verify, by decision")
                    .tag("decision", decision.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        this.duration = Timer.builder("gatehouse.verify")
                .description("Time from the verify request to its answer")
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    void answered(Decision decision, long startedNanos) {
        decisions[decision.ordinal()].increment();
        duration.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }
}
