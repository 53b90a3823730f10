package dev.gatehouse.gateway;

import java.util.Arrays;
import java.util.List;

import dev.gatehouse.authz.Requirement;
import dev.gatehouse.user.Role;

/**
 * Reads {@code ?role=a,b} (any of them), or {@code ?role=*} (anyone signed in); an absent or blank
 * list means the configured default. A {@code *} among roles is not a wildcard: it is an unknown role.
 */
final class RoleRequirement {

    static final String ANYONE = "*";

    private final Requirement defaults;

    RoleRequirement(List<String> defaultRoles) {
        this.defaults = Requirement.anyOf(Role.parseAll(defaultRoles));
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
