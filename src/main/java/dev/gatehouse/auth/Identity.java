package dev.gatehouse.auth;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Who a request speaks for, however it proved it. */
public record Identity(String username, List<String> roles, Via via, Optional<String> sessionId) {

    public enum Via {
        TOKEN, SESSION
    }

    public Identity {
        roles = List.copyOf(roles);
    }

    public boolean hasAnyRole(Collection<String> wanted) {
        return roles.stream().anyMatch(wanted::contains);
    }

    /** Usernames that are addresses double as the e-mail address. */
    public Optional<String> email() {
        return username.contains("@") ? Optional.of(username) : Optional.empty();
    }
}
