package dev.gatehouse.regulation;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Brute-force regulation of password logins, counted in Redis. Three scopes, each with its own
 * limit: a client address, a (user, address) pair, and a user across all addresses. A ban answers
 * exactly like a wrong password, plus {@code Retry-After}.
 */
@ConfigMapping(prefix = "gatehouse.regulation")
public interface RegulationConfig {

    /** Turns regulation off entirely. Default true; turning it off leaves passwords open to guessing. */
    @WithDefault("true")
    boolean enabled();

    /** Failures from one client address. Default 5 in 2 minutes, then a 5-minute ban. */
    @WithDefault("5")
    int ipMaxFailures();

    @WithDefault("PT2M")
    Duration ipFindTime();

    @WithDefault("PT5M")
    Duration ipBanTime();

    /** Failures for one user from one address. Default 5 in 2 minutes, then a 5-minute ban of that pair. */
    @WithDefault("5")
    int userIpMaxFailures();

    @WithDefault("PT2M")
    Duration userIpFindTime();

    @WithDefault("PT5M")
    Duration userIpBanTime();

    /**
     * Failures for one user from all addresses together. Default 50 in 10 minutes, then a 5-minute
     * ban: high enough that one banned address cannot lock the owner out, low enough to slow guessing
     * spread over many addresses.
     */
    @WithDefault("50")
    int userMaxFailures();

    @WithDefault("PT10M")
    Duration userFindTime();

    @WithDefault("PT5M")
    Duration userBanTime();

    /**
     * How long a successful sign-in makes its address familiar for that user. Default 30 days. From a
     * familiar address the per-user ban does not apply, so that failures elsewhere cannot lock the
     * owner out; the per-address and per-(user, address) limits still do.
     */
    @WithDefault("P30D")
    Duration familiarFor();
}
