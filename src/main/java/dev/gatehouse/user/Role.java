package dev.gatehouse.user;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

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

    /** The known roles among {@code ids}; unknown names are dropped. */
    public static Set<Role> parseAll(Collection<String> ids) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        ids.forEach(id -> parse(id).ifPresent(roles::add));
        return roles;
    }

    /** Ids in catalog order, the form tokens and headers carry. */
    public static List<String> ids(Collection<Role> roles) {
        return roles.stream().sorted().map(Role::id).toList();
    }
}
