package dev.gatehouse.session;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.gatehouse.user.Role;

/**
 * A signed-in browser: who, with which roles, since when and until when, and how they proved it
 * ({@code methods}, e.g. {@code password}). Stored by {@link SessionCodec}.
 */
public record Session(String id, String username, Set<Role> roles, Instant createdAt, Instant expiresAt,
        List<String> methods) {

    public Session {
        roles = Set.copyOf(roles);
        methods = List.copyOf(methods);
    }

    @Override
    public String toString() {
        return "Session[" + username + ", until " + expiresAt + "]";
    }
}
