package dev.gatehouse.otp;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.gatehouse.problem.StoreUnavailableException;
import dev.gatehouse.user.EmailAddress;
import dev.gatehouse.user.Role;
import dev.gatehouse.user.User;
import dev.gatehouse.user.UserDirectory;

/**
 * The accounts people on the allowlist sign in as. A first sign-in by code makes one (source
 * {@code allowlist}, named by the address, with the list's roles). When the list changes, these
 * accounts follow: roles are updated, and an address the list no longer admits loses its account,
 * which ends its sessions on every instance (see {@code AccountStates}). An address that already
 * names an account of another kind is not signed in by code: a domain entry meant for a team must not
 * reach into an account someone made with a password or an operator declared.
 */
@Singleton
public class AllowlistAccounts {

    private static final Logger LOG = Logger.getLogger(AllowlistAccounts.class);

    private final UserDirectory directory;

    public AllowlistAccounts(UserDirectory directory) {
        this.directory = directory;
    }

    /**
     * The account {@code address} signs in as, made or updated to hold {@code roles}; empty if another
     * kind holds the name. A new account is valid from now: should an address come back to the list,
     * sessions from before its removal stay ended.
     */
    Optional<User> accountFor(String address, Set<Role> roles) {
        Optional<User> existing = directory.find(address);
        if (existing.isPresent() && existing.get().source() != User.Source.ALLOWLIST) {
            return Optional.empty();
        }
        User account = existing.orElseGet(() -> new User(address, roles, User.Status.ACTIVE, User.Source.ALLOWLIST,
                Optional.of(address), Optional.empty(), Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        if (existing.isEmpty() || !account.roles().equals(roles)) {
            account = account.withRoles(roles);
            directory.save(account);
        }
        return Optional.of(account);
    }

    /** Brings every allowlist account in line with {@code list}; false when Redis could not be reached. */
    boolean follow(Allowlist list) {
        try {
            for (String name : directory.names()) {
                if (EmailAddress.isCanonical(name)) {
                    directory.find(name).filter(user -> user.source() == User.Source.ALLOWLIST)
                            .ifPresent(user -> follow(user, list.rolesOf(name)));
                }
            }
            return true;
        } catch (StoreUnavailableException e) {
            LOG.debugf("Allowlist accounts not updated yet, Redis unreachable: %s", e.getMessage());
            return false;
        }
    }

    private void follow(User user, Optional<Set<Role>> roles) {
        if (roles.isEmpty()) {
            directory.delete(user.username());
            LOG.infof("Allowlist no longer admits %s: account and sessions ended", user.username());
        } else if (!roles.get().equals(user.roles())) {
            directory.save(user.withRoles(roles.get()));
        }
    }
}
