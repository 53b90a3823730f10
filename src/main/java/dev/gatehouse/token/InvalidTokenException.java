package dev.gatehouse.token;

/** The token is not one Gatehouse accepts; the reason is for the log, except that expiry may be told. */
public class InvalidTokenException extends Exception {

    static final String EXPIRED = "The token has expired.";

    public InvalidTokenException(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }

    public InvalidTokenException(String reason) {
        this(reason, null);
    }

    /** True when the token was good but is past its {@code exp}: the client should get a new one. */
    public boolean expired() {
        return EXPIRED.equals(getMessage());
    }
}
