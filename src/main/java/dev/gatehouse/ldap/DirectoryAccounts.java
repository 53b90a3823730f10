package dev.gatehouse.ldap;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.user.EmailAddress;
import dev.gatehouse.user.Role;
import dev.gatehouse.user.User;
import dev.gatehouse.user.UserDirectory;

/**
 * The accounts directory users sign in as, made just in time: source {@code sso}, origin
 * {@value #ORIGIN}, named by the name they sign in with (in lower case, as directories compare names),
 * no local password. Email, name and roles follow the directory at every sign-in and re-check. A name
 * that already belongs to another kind of account is never taken over.
 */
@Singleton
public class DirectoryAccounts {

    static final String ORIGIN = "ldap";
    private static final Logger LOG = Logger.getLogger(DirectoryAccounts.class);

    private final UserDirectory directory;
    private final AuditLog audit;
    private final Clock clock;

    public DirectoryAccounts(UserDirectory directory, AuditLog audit, Clock clock) {
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    /** The account name for a typed name; empty when it cannot name an account. */
    static Optional<String> accountName(String typed) {
        String name = typed == null ? "" : typed.trim().toLowerCase(Locale.ROOT);
        return User.isValidName(name) ? Optional.of(name) : Optional.empty();
    }

    static boolean fromDirectory(User user) {
        return user.source() == User.Source.SSO && user.origin().filter(ORIGIN::equals).isPresent();
    }

    /** Whether {@code name} is free for a directory account, or is one already. */
    boolean available(String name) {
        return directory.find(name).map(DirectoryAccounts::fromDirectory).orElse(true);
    }

    /**
     * The account {@code person} signs in as, made or brought up to date; empty when another kind of
     * account holds the name. A new account is valid from now: sessions from an earlier account of the
     * same name (removed at a re-check) stay ended.
     */
    Optional<User> signedIn(String name, DirectoryPerson person, Set<Role> roles) {
        Optional<User> existing = directory.find(name);
        if (existing.isPresent() && !fromDirectory(existing.get())) {
            return Optional.empty();
        }
        Optional<String> email = emailFor(name, person);
        if (existing.isEmpty()) {
            User made = new User(name, roles, User.Status.ACTIVE, User.Source.SSO, email, person.displayName(),
                    clock.instant().truncatedTo(ChronoUnit.SECONDS)).withOrigin(ORIGIN);
            if (directory.create(made, Optional.empty())) {
                audit.record(AuditLog.Event.SSO_ACCOUNT_CREATED, name, null, "origin", ORIGIN, "roles",
                        String.join(",", Role.ids(roles)));
                return directory.find(name);
            }
            // Made by a parallel sign-in meanwhile: bring that one up to date instead.
            return signedIn(name, person, roles);
        }
        return Optional.of(follow(existing.get(), email, person.displayName(), roles));
    }

    /**
     * The directory's address, unless another account has it: the address index names one account,
     * and a directory entry must not take an address away from someone else's account.
     */
    private Optional<String> emailFor(String name, DirectoryPerson person) {
        Optional<String> email = person.email().flatMap(EmailAddress::parse);
        return email.filter(address -> directory.findByEmail(address).map(owner -> owner.username().equals(name)).orElse(true));
    }

    private User follow(User account, Optional<String> email, Optional<String> displayName, Set<Role> roles) {
        User updated = account.withRoles(roles).withContact(email, displayName);
        if (!updated.equals(account)) {
            // Saving announces the change: every instance forgets the account and sees the new roles.
            directory.save(updated);
            if (!updated.roles().equals(account.roles())) {
                audit.record(AuditLog.Event.USER_UPDATED, account.username(), null, "by", ORIGIN, "roles",
                        String.join(",", Role.ids(roles)));
            }
        }
        return updated;
    }

    /** Brings the account in line with the directory at a re-check: gone there (or without roles), gone here. */
    void recheck(User account, Optional<DirectoryPerson> person, Set<Role> roles) {
        if (person.isEmpty() || roles.isEmpty()) {
            directory.delete(account.username());
            audit.record(AuditLog.Event.USER_DELETED, account.username(), null, "by", ORIGIN, "reason",
                    person.isEmpty() ? "not_in_directory" : "no_mapped_group");
            LOG.infof("%s is no longer in the directory: account and sessions ended", account.username());
            return;
        }
        follow(account, emailFor(account.username(), person.get()), person.get().displayName(), roles);
    }
}
