package dev.gatehouse.code;

import java.time.Duration;

/**
 * How a kind of code is limited: its lifetime, the wrong entries that burn it, and how many may be
 * asked for per subject (an address or an account) and per client address within {@code window}.
 */
public record CodePolicy(Duration lifetime, int maxAttempts, int perSubject, int perClient, Duration window) {

    /** The account flows' policy: 10 minutes, 5 attempts, 5 per address and 30 per client an hour. */
    public static final CodePolicy ACCOUNTS = new CodePolicy(Duration.ofMinutes(10), 5, 5, 30, Duration.ofHours(1));
}
