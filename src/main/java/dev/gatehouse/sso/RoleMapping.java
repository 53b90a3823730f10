package dev.gatehouse.sso;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.gatehouse.user.Role;

/**
 * A provider's groups turned into Gatehouse roles: the default role, plus a role for each group the
 * map names; groups it does not name give nothing. Read at start, so that a typo in a role stops
 * Gatehouse there rather than quietly granting nothing (or something else). OpenID Connect and OAuth2
 * providers find the groups among the claims; SAML hands over an attribute's values.
 */
public final class RoleMapping {

    private final Optional<List<String>> claimPath;
    private final Map<String, Role> groups;
    private final Optional<Role> defaultRole;

    private RoleMapping(Optional<List<String>> claimPath, Map<String, Role> groups, Optional<Role> defaultRole) {
        this.claimPath = claimPath;
        this.groups = Map.copyOf(groups);
        this.defaultRole = defaultRole;
    }

    static RoleMapping of(String provider, SsoConfig.Oidc config) {
        return of("gatehouse.sso.oidc." + provider, config.rolesClaim(), config.roleMap(), config.defaultRole());
    }

    static RoleMapping of(String provider, SsoConfig.Oauth2 config) {
        return of("gatehouse.sso.oauth2." + provider, config.rolesClaim(), config.roleMap(), config.defaultRole());
    }

    /**
     * {@code where}: the provider's settings prefix, named in the message that stops the start;
     * {@code rolesClaim}: where the groups are among the claims (dotted), when they come as claims.
     */
    public static RoleMapping of(String where, Optional<String> rolesClaim, Optional<List<String>> roleMap, String defaultRoleText) {
        Map<String, Role> groups = new HashMap<>();
        for (String pair : roleMap.orElse(List.of())) {
            int equals = pair.lastIndexOf('=');
            if (equals <= 0 || equals == pair.length() - 1) {
                throw new IllegalArgumentException(where + ".role-map: '" + pair + "' is not idp-group=role");
            }
            groups.put(pair.substring(0, equals).trim(), role(where + ".role-map", pair.substring(equals + 1)));
        }
        Optional<Role> defaultRole = defaultRoleText.equalsIgnoreCase("none") ? Optional.empty()
                : Optional.of(role(where + ".default-role", defaultRoleText));
        Optional<List<String>> path = rolesClaim.map(String::trim).filter(text -> !text.isEmpty())
                .map(text -> List.of(text.split("\\.")));
        return new RoleMapping(path, groups, defaultRole);
    }

    private static Role role(String where, String text) {
        return Role.parse(text).orElseThrow(() -> new IllegalArgumentException(
                where + ": unknown role '" + text.trim() + "'; roles are " + Role.CATALOG));
    }

    /** The roles {@code claims} give. */
    Set<Role> rolesFor(Map<String, Object> claims) {
        return rolesForGroups(claimPath.map(path -> groupsAt(claims, path)).orElse(List.of()));
    }

    /** The roles these groups give, with the default role. */
    public Set<Role> rolesForGroups(Collection<String> named) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        defaultRole.ifPresent(roles::add);
        named.stream().map(groups::get).filter(role -> role != null).forEach(roles::add);
        return roles;
    }

    /** The strings at {@code path}: a list of them, or one alone; anything else is no group. */
    static List<String> groupsAt(Map<String, Object> claims, List<String> path) {
        Object node = claims;
        for (String step : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return List.of();
            }
            node = map.get(step);
        }
        if (node instanceof String single) {
            return List.of(single);
        }
        if (node instanceof Collection<?> many) {
            return many.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }
}
