package dev.gatehouse.gateway;

import java.util.Arrays;
import java.util.List;

import dev.gatehouse.authz.Requirement;
import dev.gatehouse.user.Role;

/** Reads {@code ?role=a,b} (any of them); an absent or blank list means the configured default. */
final class RoleRequirement {

    private final Requirement defaults;

    RoleRequirement(List<String> defaultRoles) {
        this.defaults = Requirement.anyOf(Role.parseAll(defaultRoles));
    }

    Requirement of(String param) {
        if (param == null) {
            return defaults;
        }
        List<String> names = Arrays.stream(param.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
        return names.isEmpty() ? defaults : Requirement.anyOf(Role.parseAll(names));
    }
}
