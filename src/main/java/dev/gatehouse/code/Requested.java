package dev.gatehouse.code;

import java.time.Duration;

/** What became of a request for a code: accepted, or refused by a limit until {@code retryAfter} has passed. */
public record Requested(boolean accepted, Duration retryAfter) {

    public static final Requested ACCEPTED = new Requested(true, Duration.ZERO);

    /** Whole seconds to wait, at least 1, for a Retry-After header. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
