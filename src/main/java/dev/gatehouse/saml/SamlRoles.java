package dev.gatehouse.saml;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.gatehouse.user.Role;

/**
 * The identity provider's {@code role} attribute values turned into Gatehouse roles: the default role,
 * plus a role for each value the map names; values it does not name give nothing. Read at start, so
 * that a typo in a role stops Gatehouse there rather than quietly granting nothing (or something else).
 */
final class SamlRoles {

    private final Map<String, Role> map;
    private final Optional<Role> defaultRole;

    private SamlRoles(Map<String, Role> map, Optional<Role> defaultRole) {
        this.map = Map.copyOf(map);
        this.defaultRole = defaultRole;
    }

    static SamlRoles of(SamlConfig config) {
        Map<String, Role> map = new HashMap<>();
        for (String pair : config.roleMap().orElse(List.of())) {
            int equals = pair.lastIndexOf('=');
            if (equals <= 0 || equals == pair.length() - 1) {
                throw new IllegalArgumentException("gatehouse.saml.role-map: '" + pair + "' is not idp-role=role");
            }
            map.put(pair.substring(0, equals).trim(), role("gatehouse.saml.role-map", pair.substring(equals + 1)));
        }
        Optional<Role> defaultRole = config.defaultRole().equalsIgnoreCase("none") ? Optional.empty()
                : Optional.of(role("gatehouse.saml.default-role", config.defaultRole()));
        return new SamlRoles(map, defaultRole);
    }

    private static Role role(String where, String text) {
        return Role.parse(text).orElseThrow(() -> new IllegalArgumentException(
                where + ": unknown role '" + text.trim() + "'; roles are " + Role.CATALOG));
    }

    Set<Role> rolesFor(Collection<String> values) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        defaultRole.ifPresent(roles::add);
        values.stream().map(map::get).filter(role -> role != null).forEach(roles::add);
        return roles;
    }
}
