package dev.gatehouse.authz;

import java.util.Optional;
import java.util.Set;

import dev.gatehouse.authn.Identity;

/** The decision core: pure, so it is tested as a table without Quarkus or Redis. */
public final class Authorizer {

    private Authorizer() {
    }

    /** Roles only: no permission catalog, no resources. */
    public static Decision decide(Optional<Identity> identity, Requirement requirement) {
        return decide(identity, requirement, null, AccessFacts.NONE);
    }

    public static Decision decide(Optional<Identity> identity, Requirement requirement, Catalog catalog, AccessFacts facts) {
        if (identity.isEmpty()) {
            return Decision.UNAUTHENTICATED;
        }
        if (!rolesHold(identity.get(), requirement)) {
            return Decision.FORBIDDEN;
        }
        if (requirement.permission().isPresent()
                && (catalog == null || !permissionHeld(identity.get(), requirement, catalog, facts))) {
            return Decision.FORBIDDEN;
        }
        return Decision.ALLOW;
    }

    private static boolean rolesHold(Identity identity, Requirement requirement) {
        return !requirement.rolesChecked() || requirement.anyoneSignedIn()
                || identity.roles().stream().anyMatch(requirement.anyOfRoles()::contains);
    }

    /** Through a global role; else through a grant on the resource, or a role in the department that owns it. */
    private static boolean permissionHeld(Identity identity, Requirement requirement, Catalog catalog, AccessFacts facts) {
        String permission = requirement.permission().get();
        if (!catalog.isKnown(permission)) {
            return false;
        }
        if (catalog.holds(identity.roles(), permission)) {
            return true;
        }
        if (requirement.resource().isEmpty()) {
            return false;
        }
        String resource = requirement.resource().get();
        String user = identity.username();
        boolean granted = facts.grantOn(resource, user).map(role -> catalog.holds(Set.of(role), permission)).orElse(false);
        return granted || facts.departmentOf(resource).flatMap(department -> facts.roleIn(department, user))
                .map(role -> catalog.holds(Set.of(role), permission)).orElse(false);
    }
}
