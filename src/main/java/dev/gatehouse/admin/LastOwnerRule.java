package dev.gatehouse.admin;

import java.util.Optional;

import jakarta.inject.Singleton;

import dev.gatehouse.authn.Identity;
import dev.gatehouse.problem.ProblemException;
import dev.gatehouse.user.Role;
import dev.gatehouse.user.UserDirectory;

/** Someone must stay able to run the place: the last active owner is not removed, disabled or demoted. */
@Singleton
class LastOwnerRule implements AccountRule {

    private final UserDirectory directory;

    LastOwnerRule(UserDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void check(Identity actor, Change change) {
        if (change.endsOwnership() && !anotherActiveOwnerThan(change.username())) {
            throw new ProblemException(409, "Conflict", "The account " + change.username()
                    + " is the last active owner; make another owner first.");
        }
    }

    private boolean anotherActiveOwnerThan(String username) {
        return directory.names().stream().filter(name -> !name.equals(username))
                .map(directory::find).flatMap(Optional::stream)
                .anyMatch(user -> user.active() && user.roles().contains(Role.OWNER));
    }
}
