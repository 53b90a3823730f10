package dev.gatehouse.sso;

/**
 * A single sign-on that did not happen: the status and sentence the person sees on the page, and the
 * reason the audit line gives. Never carries a stack trace: each is an expected outcome, not a fault.
 */
public final class SsoFailure extends RuntimeException {

    private final int status;
    private final String reason;

    private SsoFailure(int status, String reason, String message) {
        super(message, null, false, false);
        this.status = status;
        this.reason = reason;
    }

    /** The sign-in link is broken, expired, used already, or was begun in another browser. */
    public static SsoFailure badRequest(String reason) {
        return new SsoFailure(400, reason, "This sign-in link has expired or was already used. Start again from the sign-in page.");
    }

    /** The provider said no, or what it sent does not hold up. */
    public static SsoFailure refused(String reason) {
        return new SsoFailure(401, reason, "Signing in through the provider did not work. Start again from the sign-in page.");
    }

    /** Gatehouse will not let this identity in. */
    public static SsoFailure forbidden(String reason) {
        return new SsoFailure(403, reason, "This account cannot sign in here. Ask an administrator if you think it should.");
    }

    /** The provider (or Gatehouse's store) cannot be reached now. */
    public static SsoFailure unavailable(String reason) {
        return new SsoFailure(503, reason, "Sign-in through the provider is unavailable right now. Try again shortly.");
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }
}
