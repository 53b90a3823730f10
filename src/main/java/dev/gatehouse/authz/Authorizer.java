package dev.gatehouse.authz;

import java.util.Optional;

import dev.gatehouse.authn.Identity;

/** The decision core: pure, so it is tested as a table without Quarkus or Redis. */
public final class Authorizer {

    private Authorizer() {
    }

    public static Decision decide(Optional<Identity> identity, Requirement requirement) {
        if (identity.isEmpty()) {
            return Decision.UNAUTHENTICATED;
        }
        if (requirement.anyoneSignedIn()) {
            return Decision.ALLOW;
        }
        boolean holds = identity.get().roles().stream().anyMatch(requirement.anyOfRoles()::contains);
        return holds ? Decision.ALLOW : Decision.FORBIDDEN;
    }
}
