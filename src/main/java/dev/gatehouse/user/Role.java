package dev.gatehouse.user;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a person may do; the lower-case name is what tokens, headers and Redis carry. The first five
 * are the product roles (owner above admin, then editor, viewer and analyst); {@code mod} and
 * {@code user} are kept for deployments that already use them. Declaration order is catalog order.
 */
public enum Role {
    OWNER, ADMIN, EDITOR, VIEWER, ANALYST, MOD, USER;

    /** The catalog, as it reads in errors: {@code owner, admin, ...}. */
    public static final String CATALOG = "owner, admin, editor, viewer, analyst, mod, user";

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

    /**
     * Every one of {@code ids} as a role; an unknown name is refused (with the name in the message)
     * rather than dropped, for endpoints that must answer 400 to it.
     */
    public static Set<Role> parseEach(Collection<String> ids) throws IllegalArgumentException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String id : ids) {
            roles.add(parse(id).orElseThrow(() -> new IllegalArgumentException(
                    "unknown role '" + id + "'; roles are " + CATALOG)));
        }
        return roles;
    }

    /** Ids in catalog order, the form tokens and headers carry. */
    public static List<String> ids(Collection<Role> roles) {
        return roles.stream().sorted().map(Role::id).toList();
    }
}
