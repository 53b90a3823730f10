package dev.gatehouse.authz;

import java.util.Optional;
import java.util.Set;

import dev.gatehouse.user.Role;

/**
 * What a protected resource asks of whoever wants in; every part given must hold.
 * <ul>
 * <li>Roles, when {@code rolesChecked}: any one of {@code anyOfRoles}, or, when
 * {@code anyoneSignedIn}, only that someone is signed in. An empty set of roles admits nobody: a
 * location that names only unknown roles stays shut.</li>
 * <li>{@code permission}, held through a global role, or through a grant on {@code resource} or the
 * account's role in the department that owns it.</li>
 * </ul>
 */
public record Requirement(Set<Role> anyOfRoles, boolean anyoneSignedIn, boolean rolesChecked, Optional<String> permission,
        Optional<String> resource) {

    private static final Requirement SIGNED_IN = new Requirement(Set.of(), true, true, Optional.empty(), Optional.empty());

    public Requirement {
        anyOfRoles = anyOfRoles.isEmpty() ? Set.of() : Set.copyOf(anyOfRoles);
    }

    public static Requirement anyOf(Set<Role> roles) {
        return new Requirement(roles, false, true, Optional.empty(), Optional.empty());
    }

    /** {@code role=*}: anyone with a valid sign-in, whatever their roles. */
    public static Requirement signedIn() {
        return SIGNED_IN;
    }

    /** Only the permission (on {@code resource}, if given); no role is asked for. */
    public static Requirement permission(String permission, Optional<String> resource) {
        return new Requirement(Set.of(), false, false, Optional.of(permission), resource);
    }

    /** This requirement and, as well, the permission (on {@code resource}, if given). */
    public Requirement andPermission(String required, Optional<String> on) {
        return new Requirement(anyOfRoles, anyoneSignedIn, rolesChecked, Optional.of(required), on);
    }

    /** How the roles part reads in audit lines. */
    public String describe() {
        return !rolesChecked ? "" : anyoneSignedIn ? "*" : String.join(",", Role.ids(anyOfRoles));
    }
}
