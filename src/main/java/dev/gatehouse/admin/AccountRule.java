package dev.gatehouse.admin;

import dev.gatehouse.authn.Identity;
import dev.gatehouse.problem.ProblemException;

/** One thing no administrator may do to an account; every change passes every rule before it is made. */
interface AccountRule {

    /** Refuses {@code change} by {@code actor} with a problem (403 or 409), or lets it pass. */
    void check(Identity actor, Change change) throws ProblemException;
}
