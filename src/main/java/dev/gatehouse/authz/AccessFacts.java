package dev.gatehouse.authz;

import java.util.Optional;

import dev.gatehouse.user.Role;

/**
 * What the decision core needs to know beyond the identity: grants on resources, which department
 * owns a resource, and who holds which role in a department. Answered from memory on the hot path.
 */
public interface AccessFacts {

    /** The role {@code username} was granted on {@code resource}, if any. */
    Optional<Role> grantOn(String resource, String username);

    /** The department that owns {@code resource}, if it has one. */
    Optional<String> departmentOf(String resource);

    /** The role {@code username} holds in {@code department}, if a member. */
    Optional<Role> roleIn(String department, String username);

    /** No resources, grants or departments at all. */
    AccessFacts NONE = new AccessFacts() {
        @Override
        public Optional<Role> grantOn(String resource, String username) {
            return Optional.empty();
        }

        @Override
        public Optional<String> departmentOf(String resource) {
            return Optional.empty();
        }

        @Override
        public Optional<Role> roleIn(String department, String username) {
            return Optional.empty();
        }
    };
}
