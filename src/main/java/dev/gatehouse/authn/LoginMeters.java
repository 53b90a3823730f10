package dev.gatehouse.authn;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * {@code gatehouse_logins_total{method,result}}. The method is the factor's own name (a constant of
 * the code, so the label set stays small); who tried, and from where, never becomes a label.
 */
@Startup // the password series exist, at 0, before anyone signs in
@Singleton
class LoginMeters {

    enum Result {
        SUCCESS, FAILURE, BANNED, NOT_VERIFIED
    }

    private final MeterRegistry registry;
    /** Each factor's counters, registered on its first sign-in. */
    private final Map<String, Counter[]> byMethod = new ConcurrentHashMap<>();

    LoginMeters(MeterRegistry registry) {
        this.registry = registry;
        // The factor every installation has.
        byMethod.computeIfAbsent(PasswordFactor.METHOD, this::register);
    }

    void count(Factor<?> factor, Result result) {
        byMethod.computeIfAbsent(factor.method(), this::register)[result.ordinal()].increment();
    }

    private Counter[] register(String method) {
        Counter[] counters = new Counter[Result.values().length];
        for (Result result : Result.values()) {
            counters[result.ordinal()] = Counter.builder("gatehouse.logins")
                    .description("Sign-in attempts, by factor and outcome")
                    .tag("method", method)
                    .tag("result", result.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        return counters;
    }
}
