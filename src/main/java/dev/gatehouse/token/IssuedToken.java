package dev.gatehouse.token;

import java.time.Instant;

/** A signed access token and what a client needs to know about it. */
public record IssuedToken(String token, String jti, Instant expiresAt, long expiresInSeconds) {
}
