package dev.gatehouse.signin;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Why a sign-in without JavaScript came back to the login page: {@code /login?error=invalid}, or
 * {@code error=banned&retry_after=N}. Only these fixed messages reach the page, never text from the URL.
 */
record LoginError(Kind kind, OptionalLong retryAfterSeconds) {

    enum Kind {
        INVALID("invalid"), MISSING("missing"), CAPTCHA("captcha"), BANNED("banned"), UNAVAILABLE("unavailable");

        final String code;

        Kind(String code) {
            this.code = code;
        }
    }

    static final LoginError INVALID = new LoginError(Kind.INVALID, OptionalLong.empty());
    static final LoginError MISSING = new LoginError(Kind.MISSING, OptionalLong.empty());
    static final LoginError CAPTCHA = new LoginError(Kind.CAPTCHA, OptionalLong.empty());
    static final LoginError UNAVAILABLE = new LoginError(Kind.UNAVAILABLE, OptionalLong.empty());

    private static final int MAX_DIGITS = 9;

    static LoginError banned(String retryAfter) {
        return new LoginError(Kind.BANNED, seconds(retryAfter));
    }

    /** The error a login page URL names; empty for none or one Gatehouse never sends. */
    static Optional<LoginError> fromQuery(String error, String retryAfter) {
        if (error == null) {
            return Optional.empty();
        }
        for (Kind kind : Kind.values()) {
            if (kind.code.equals(error)) {
                return Optional.of(new LoginError(kind, kind == Kind.BANNED ? seconds(retryAfter) : OptionalLong.empty()));
            }
        }
        return Optional.empty();
    }

    /** The query parameters that carry this error, e.g. {@code error=banned&retry_after=300}. */
    String query() {
        return "error=" + kind.code + (retryAfterSeconds.isPresent() ? "&retry_after=" + retryAfterSeconds.getAsLong() : "");
    }

    /** Whether the fields were wrong (then they are marked invalid), rather than the moment. */
    boolean aboutFields() {
        return kind == Kind.INVALID || kind == Kind.MISSING;
    }

    String message() {
        return switch (kind) {
            // The same words as the JSON answer, which login.js shows.
            case INVALID -> "Invalid username or password.";
            case MISSING -> "Enter your username and password.";
            // The check needs its provider's script: without JavaScript it cannot be passed.
            case CAPTCHA -> "Complete the check that you are a person, then sign in again. It needs JavaScript.";
            case UNAVAILABLE -> "Sign-in is unavailable right now. Try again shortly.";
            case BANNED -> retryAfterSeconds.isPresent()
                    ? "Too many attempts. Try again in " + duration(retryAfterSeconds.getAsLong()) + "."
                    : "Too many attempts. Try again later.";
        };
    }

    /** "1 second", "45 seconds", "5 minutes", "2 hours": rounded up, so that trying then works. login.js says the same. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return plural(Math.max(1, seconds), "second");
        }
        long minutes = (seconds + 59) / 60;
        if (minutes < 120) {
            return plural(minutes, "minute");
        }
        return plural((minutes + 59) / 60, "hour");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    private static OptionalLong seconds(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_DIGITS || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        long seconds = Long.parseLong(value);
        return seconds > 0 ? OptionalLong.of(seconds) : OptionalLong.empty();
    }
}
