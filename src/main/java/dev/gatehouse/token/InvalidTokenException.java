package dev.gatehouse.token;

/** The token is not one Gatehouse accepts; the reason is for the log only. */
public class InvalidTokenException extends Exception {

    public InvalidTokenException(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }
}
