package dev.gatehouse.problem;

/** The datastore did not answer in time or at all; the client should retry later. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(Throwable cause) {
        super("The datastore is unavailable", cause);
    }
}
