package dev.gatehouse.admin;

import jakarta.inject.Singleton;

import dev.gatehouse.authn.Identity;
import dev.gatehouse.problem.ProblemException;
import dev.gatehouse.user.Role;

/** Only an owner makes another owner: an administrator cannot raise anyone, itself included, above itself. */
@Singleton
class OwnerGrantRule implements AccountRule {

    @Override
    public void check(Identity actor, Change change) {
        if (change.grants(Role.OWNER) && !actor.roles().contains(Role.OWNER)) {
            throw new ProblemException(403, "Forbidden", "Only an owner may give the owner role.");
        }
    }
}
