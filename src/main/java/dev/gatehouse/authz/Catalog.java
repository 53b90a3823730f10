package dev.gatehouse.authz;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import dev.gatehouse.user.Role;

/**
 * Which permissions there are and which each role holds, read from YAML (see the shipped
 * {@code gatehouse/authz.yaml} for the format). Pure and immutable: decisions read it without locks.
 * A file that names an unknown permission or role is refused as a whole, with the reason: a typo must
 * not quietly grant or withhold anything.
 */
public final class Catalog {

    private final List<String> permissions;
    private final Set<String> known;
    private final Map<Role, Set<String>> byRole;

    private Catalog(List<String> permissions, Map<Role, Set<String>> byRole) {
        this.permissions = List.copyOf(permissions);
        this.known = Set.copyOf(permissions);
        this.byRole = byRole;
    }

    /** Parses the catalog; {@link IllegalArgumentException} says what is wrong. */
    public static Catalog parse(String yaml) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("not YAML: " + e.getMessage(), e);
        }
        if (!(document instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException("expected a mapping with 'permissions' and 'roles'");
        }
        List<String> permissions = strings(root.get("permissions"), "permissions");
        for (String permission : permissions) {
            if (!permission.matches("[a-z][a-z0-9-]*:[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException("permission '" + permission + "' is not area:action");
            }
        }
        if (!(root.get("roles") instanceof Map<?, ?> roles)) {
            throw new IllegalArgumentException("expected 'roles': a mapping of role to permissions");
        }
        Map<Role, List<String>> entries = new EnumMap<>(Role.class);
        roles.forEach((name, list) -> entries.put(Role.parse(String.valueOf(name)).orElseThrow(() -> new IllegalArgumentException(
                "unknown role '" + name + "'; roles are " + Role.CATALOG)), strings(list, "roles." + name)));
        Map<Role, Set<String>> byRole = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            byRole.put(role, Set.copyOf(expand(role, entries, permissions, new HashSet<>())));
        }
        return new Catalog(permissions, byRole);
    }

    private static Set<String> expand(Role role, Map<Role, List<String>> entries, List<String> known, Set<Role> visiting) {
        if (!visiting.add(role)) {
            throw new IllegalArgumentException("role '" + role.id() + "' includes itself");
        }
        Set<String> held = new LinkedHashSet<>();
        List<String> takenAway = new ArrayList<>();
        for (String entry : entries.getOrDefault(role, List.of())) {
            if (entry.startsWith("!")) {
                takenAway.add(entry.substring(1));
            } else if (entry.startsWith("role:")) {
                Role included = Role.parse(entry.substring(5)).orElseThrow(() -> new IllegalArgumentException(
                        "roles." + role.id() + ": unknown role in '" + entry + "'"));
                held.addAll(expand(included, entries, known, visiting));
            } else {
                held.addAll(matching(entry, known, role));
            }
        }
        takenAway.forEach(pattern -> held.removeAll(matching(pattern, known, role)));
        visiting.remove(role);
        return held;
    }

    private static List<String> matching(String pattern, List<String> known, Role role) {
        List<String> matched = known.stream().filter(permission -> pattern.equals("*") || pattern.equals(permission)
                || pattern.endsWith(":*") && permission.startsWith(pattern.substring(0, pattern.length() - 1))).toList();
        if (matched.isEmpty()) {
            throw new IllegalArgumentException("roles." + role.id() + ": '" + pattern + "' names no permission of the catalog");
        }
        return matched;
    }

    private static List<String> strings(Object node, String where) {
        if (!(node instanceof List<?> list)) {
            throw new IllegalArgumentException("expected '" + where + "' to be a list");
        }
        return list.stream().map(item -> {
            if (!(item instanceof String text) || text.isBlank()) {
                throw new IllegalArgumentException("'" + where + "' holds something other than a name: " + item);
            }
            return text.strip();
        }).toList();
    }

    /** On every decision that asks a permission: a set lookup, not a walk through the list. */
    public boolean isKnown(String permission) {
        return known.contains(permission);
    }

    /** Every permission, in catalog order. */
    public List<String> permissions() {
        return permissions;
    }

    /** The permissions {@code role} holds. */
    public Set<String> permissionsOf(Role role) {
        return byRole.get(role);
    }

    /** The permissions any of {@code roles} holds, in catalog order. */
    public List<String> permissionsOf(Collection<Role> roles) {
        return permissions.stream().filter(permission -> roles.stream().anyMatch(role -> byRole.get(role).contains(permission)))
                .toList();
    }

    public boolean holds(Collection<Role> roles, String permission) {
        return roles.stream().anyMatch(role -> byRole.get(role).contains(permission));
    }
}
