package dev.gatehouse.ldap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;

import dev.gatehouse.user.Role;

/**
 * {@code GATEHOUSE_LDAP_ROLE_MAP}: directory groups to roles. A group is named by its {@code cn}
 * (any case) or by its DN (compared as DNs, so spacing and case do not matter). A user in no mapped
 * group gets the default role, or none at all, and then may not sign in. Every entry must name a
 * known role: a typo stops the start rather than quietly granting less (or more) than meant.
 */
final class RoleMap {

    private record Entry(String name, Optional<DN> dn, Role role) {
    }

    private final List<Entry> entries;
    private final Set<Role> fallback;

    private RoleMap(List<Entry> entries, Set<Role> fallback) {
        this.entries = entries;
        this.fallback = fallback;
    }

    static RoleMap parse(Optional<String> map, String defaultRole) {
        Set<Role> fallback = "none".equalsIgnoreCase(defaultRole.trim()) ? Set.of()
                : Set.of(Role.parse(defaultRole).orElseThrow(() -> new IllegalStateException(
                        "gatehouse.ldap.default-role: unknown role '" + defaultRole + "'; roles are " + Role.CATALOG + ", or none")));
        List<Entry> entries = new ArrayList<>();
        String text = map.orElse("").trim();
        // DNs hold commas: with a semicolon anywhere, semicolons alone separate the entries.
        String separator = text.contains(";") ? ";" : ",";
        for (String item : text.split(separator)) {
            if (!item.isBlank()) {
                entries.add(entry(item.trim()));
            }
        }
        return new RoleMap(List.copyOf(entries), fallback);
    }

    private static Entry entry(String item) {
        int split = item.lastIndexOf('=');
        String group = split < 0 ? "" : item.substring(0, split).trim();
        String roleName = split < 0 ? "" : item.substring(split + 1).trim();
        Role role = Role.parse(roleName).orElseThrow(() -> new IllegalStateException("gatehouse.ldap.role-map: '" + item
                + "' is not group=role with a role of " + Role.CATALOG + " (separate entries with ; when groups are DNs)"));
        if (group.isEmpty()) {
            throw new IllegalStateException("gatehouse.ldap.role-map: '" + item + "' names no group");
        }
        return new Entry(group.toLowerCase(Locale.ROOT), group.contains("=") ? Optional.of(dn(group)) : Optional.empty(), role);
    }

    private static DN dn(String group) {
        try {
            return new DN(group);
        } catch (LDAPException e) {
            throw new IllegalStateException("gatehouse.ldap.role-map: '" + group + "' is not a DN");
        }
    }

    /** The roles of a member of {@code groups}; the default when none is mapped. */
    Set<Role> rolesOf(Collection<DirectoryGroup> groups) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (DirectoryGroup group : groups) {
            for (Entry entry : entries) {
                if (entry.dn().map(group.dn()::equals).orElseGet(() -> group.names().contains(entry.name()))) {
                    roles.add(entry.role());
                }
            }
        }
        return roles.isEmpty() ? fallback : roles;
    }
}
