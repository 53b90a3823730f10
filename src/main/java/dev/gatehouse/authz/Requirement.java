package dev.gatehouse.authz;

import java.util.Set;

import dev.gatehouse.user.Role;

/**
 * What a protected resource asks of whoever wants in: any one of {@code anyOfRoles}. An empty set
 * admits nobody: a location that names only unknown roles stays shut.
 */
public record Requirement(Set<Role> anyOfRoles) {

    public Requirement {
        anyOfRoles = anyOfRoles.isEmpty() ? Set.of() : Set.copyOf(anyOfRoles);
    }

    public static Requirement anyOf(Set<Role> roles) {
        return new Requirement(roles);
    }
}
