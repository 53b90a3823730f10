package dev.gatehouse.authz;

import java.util.Set;

import dev.gatehouse.user.Role;

/**
 * What a protected resource asks of whoever wants in: any one of {@code anyOfRoles}, or, when
 * {@code anyoneSignedIn}, only that someone is signed in. An empty set of roles admits nobody: a
 * location that names only unknown roles stays shut.
 */
public record Requirement(Set<Role> anyOfRoles, boolean anyoneSignedIn) {

    private static final Requirement SIGNED_IN = new Requirement(Set.of(), true);

    public Requirement {
        anyOfRoles = anyOfRoles.isEmpty() ? Set.of() : Set.copyOf(anyOfRoles);
    }

    public static Requirement anyOf(Set<Role> roles) {
        return new Requirement(roles, false);
    }

    /** {@code role=*}: anyone with a valid sign-in, whatever their roles. */
    public static Requirement signedIn() {
        return SIGNED_IN;
    }

    /** How the requirement reads in audit lines. */
    public String describe() {
        return anyoneSignedIn ? "*" : String.join(",", Role.ids(anyOfRoles));
    }
}
