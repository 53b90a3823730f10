package dev.gatehouse.gateway;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.gatehouse.authz.Requirement;
import dev.gatehouse.user.Role;

/**
 * Reads {@code ?role=a,b} (any of them), or {@code ?role=*} (anyone signed in); an absent or blank
 * list means the configured default. A {@code *} among roles is not a wildcard: it is an unknown role.
 * {@code ?permission=P[&resource=R]} asks for a permission as well, or instead when no role is named.
 */
final class RoleRequirement {

    static final String ANYONE = "*";

    private final Requirement defaults;

    RoleRequirement(List<String> defaultRoles) {
        this.defaults = Requirement.anyOf(Role.parseAll(defaultRoles));
    }

    /**
     * {@code ?role=}, {@code ?permission=} and {@code ?resource=} together: with a permission and no
     * role, only the permission is asked for (not the default roles); with both, both must hold.
     */
    Requirement of(String roleParam, String permissionParam, String resourceParam) {
        String permission = blankToNull(permissionParam);
        if (permission == null) {
            return of(roleParam);
        }
        Optional<String> resource = Optional.ofNullable(blankToNull(resourceParam));
        return blankToNull(roleParam) == null ? Requirement.permission(permission, resource)
                : of(roleParam).andPermission(permission, resource);
    }

    private static String blankToNull(String param) {
        return param == null || param.isBlank() ? null : param.trim();
    }

    Requirement of(String param) {
        if (param == null) {
            return defaults;
        }
        if (param.trim().equals(ANYONE)) {
            return Requirement.signedIn();
        }
        List<String> names = Arrays.stream(param.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
        return names.isEmpty() ? defaults : Requirement.anyOf(Role.parseAll(names));
    }
}
