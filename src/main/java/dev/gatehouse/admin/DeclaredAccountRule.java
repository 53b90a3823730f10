package dev.gatehouse.admin;

import jakarta.inject.Singleton;

import dev.gatehouse.authn.Identity;
import dev.gatehouse.problem.ProblemException;
import dev.gatehouse.user.User;

/**
 * Accounts the configuration declares are the configuration's: removed or demoted here, they would
 * come back at the next start, so the API refuses rather than pretend. Operators change them there.
 */
@Singleton
class DeclaredAccountRule implements AccountRule {

    @Override
    public void check(Identity actor, Change change) {
        boolean declared = change.before().filter(user -> user.source() == User.Source.CONFIG).isPresent();
        if (!declared) {
            return;
        }
        if (change.deletes()) {
            throw conflict("The account " + change.username()
                    + " is declared by the configuration; remove it there and restart.");
        }
        if (change.demotes()) {
            throw conflict("The account " + change.username()
                    + " is declared by the configuration; its roles are reduced or it is disabled there.");
        }
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }
}
