package dev.gatehouse.authn;

import java.util.Optional;
import java.util.Set;

import dev.gatehouse.user.Role;

/** Who a request speaks for, however it proved it. */
public record Identity(String username, Set<Role> roles, Via via, Optional<String> sessionId) {

    public enum Via {
        TOKEN, SESSION
    }

    public Identity {
        roles = Set.copyOf(roles);
    }

    /** Usernames that are addresses double as the e-mail address. */
    public Optional<String> email() {
        return username.contains("@") ? Optional.of(username) : Optional.empty();
    }
}
