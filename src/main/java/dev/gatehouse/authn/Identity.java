package dev.gatehouse.authn;

import java.util.Optional;
import java.util.Set;

import dev.gatehouse.user.Role;

/**
 * Who a request speaks for, however it proved it. {@code actor}: the account acting through an
 * impersonation token, if this is one.
 */
public record Identity(String username, Set<Role> roles, Via via, Optional<String> sessionId, Optional<String> actor) {

    public enum Via {
        TOKEN, SESSION
    }

    public Identity {
        roles = Set.copyOf(roles);
    }

    /** Nobody acts through it. */
    public Identity(String username, Set<Role> roles, Via via, Optional<String> sessionId) {
        this(username, roles, via, sessionId, Optional.empty());
    }

    /** The same, with the account's current roles. */
    public Identity withRoles(Set<Role> current) {
        return new Identity(username, current, via, sessionId, actor);
    }

    /** Usernames that are addresses double as the e-mail address. */
    public Optional<String> email() {
        return username.contains("@") ? Optional.of(username) : Optional.empty();
    }
}
