package dev.gatehouse.authz;

/** The answer to "may this caller have this resource?". */
public enum Decision {
    /** Signed in and holding what the resource asks. */
    ALLOW,
    /** Nobody is signed in: sign in first. */
    UNAUTHENTICATED,
    /** Signed in, but without what the resource asks: signing in again as the same person will not help. */
    FORBIDDEN
}
