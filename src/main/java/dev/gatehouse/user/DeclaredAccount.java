package dev.gatehouse.user;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An account as the operator declared it in {@code GATEHOUSE_USERS_FILE}. Exactly one of {@code password}
 * (plain text) and {@code passwordHash} (bcrypt) is present. Roles are lower-case names, not yet checked
 * against the known roles. Its text form never shows the password or the hash.
 */
public record DeclaredAccount(String username, Optional<String> password, Optional<String> passwordHash,
        List<String> roles, Optional<String> email, Optional<String> displayName, boolean disabled) {

    public DeclaredAccount {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(displayName, "displayName");
        roles = List.copyOf(roles);
        if (password.isPresent() == passwordHash.isPresent()) {
            throw new IllegalArgumentException("Account " + username + " needs exactly one of password and password hash");
        }
    }

    @Override
    public String toString() {
        return "DeclaredAccount[" + username + ", roles=" + roles + (passwordHash.isPresent() ? ", hashed" : ", plain")
                + (disabled ? ", disabled" : "") + "]";
    }
}
