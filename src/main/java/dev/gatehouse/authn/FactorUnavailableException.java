package dev.gatehouse.authn;

import java.time.Duration;

import dev.gatehouse.audit.AuditLog;

/**
 * A factor could not decide: what it checks against (a directory, an identity provider) did not answer.
 * The {@link LoginPipeline} records {@code event}, hands back the attempt's reserved failure (this is
 * nobody's wrong password) and answers 503 with {@code Retry-After}.
 */
public class FactorUnavailableException extends RuntimeException {

    private final transient AuditLog.Event event;
    private final String reason;
    private final Duration retryAfter;

    /** {@code reason}: a short id for the audit line, e.g. {@code connect_error}; never a secret. */
    public FactorUnavailableException(AuditLog.Event event, String reason, Duration retryAfter, Throwable cause) {
        super(event + ": " + reason, cause, false, false);
        this.event = event;
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public AuditLog.Event event() {
        return event;
    }

    public String reason() {
        return reason;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
