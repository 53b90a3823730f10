package dev.gatehouse.token;

import java.time.Instant;
import java.util.Set;

import dev.gatehouse.user.Role;

/** What a token that verified says: who, with which roles, issued and honoured until when. */
public record VerifiedToken(String subject, Set<Role> roles, String jti, Instant issuedAt, Instant expiresAt,
        java.util.Optional<String> actor) {

    public VerifiedToken {
        roles = Set.copyOf(roles);
    }
}
