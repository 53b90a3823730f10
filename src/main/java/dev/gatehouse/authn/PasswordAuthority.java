package dev.gatehouse.authn;

import java.util.Optional;

import dev.gatehouse.user.User;

/**
 * Somewhere other than the local accounts that can check a password, such as an LDAP directory.
 * {@link PasswordFactor} asks it only for names that have no local password, so a local account always
 * wins over an account of the same name elsewhere. It runs inside the {@link LoginPipeline}, which
 * applies regulation, padding and audit as for local accounts.
 */
public interface PasswordAuthority {

    /**
     * The account {@code username} signs in as when {@code password} is right, made or brought up to
     * date from the authority; empty when it is wrong or the name is unknown there.
     *
     * @throws FactorUnavailableException when the authority cannot be asked right now
     */
    Optional<User> verify(String username, String password);
}
