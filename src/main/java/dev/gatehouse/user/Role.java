package dev.gatehouse.user;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a person may do; the lower-case name is what tokens, headers and Redis carry. */
public enum Role {
    ADMIN, MOD, USER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String text) {
        String wanted = text == null ? "" : text.trim();
        return Arrays.stream(values()).filter(role -> role.id().equalsIgnoreCase(wanted)).findFirst();
    }
}
