package dev.gatehouse.ldap;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.authn.FactorUnavailableException;
import dev.gatehouse.problem.StoreUnavailableException;
import dev.gatehouse.user.Role;
import dev.gatehouse.user.User;
import dev.gatehouse.user.UserDirectory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Directory accounts are checked against the directory every half {@code gatehouse.ldap.recheck}: an
 * entry removed, disabled or left in no mapped group loses its account, which ends its sessions and
 * tokens on every instance at their next verification (see {@code AccountStates}); changed groups
 * change the roles. So a person removed from the directory keeps access for at most the re-check
 * period. While the directory cannot be reached, accounts stay as they are (an outage must not lock
 * everyone out) and {@code LDAP_UNAVAILABLE} is audited.
 */
@Singleton
public class DirectoryRecheck {

    private static final Logger LOG = Logger.getLogger(DirectoryRecheck.class);

    private final LdapConfig config;
    private final LdapDirectory ldap;
    private final DirectoryPasswords passwords;
    private final DirectoryAccounts accounts;
    private final UserDirectory directory;
    private final AuditLog audit;
    private final Vertx vertx;
    private volatile long timer = -1;

    public DirectoryRecheck(LdapConfig config, LdapDirectory ldap, DirectoryPasswords passwords, DirectoryAccounts accounts,
            UserDirectory directory, AuditLog audit, Vertx vertx) {
        this.config = config;
        this.ldap = ldap;
        this.passwords = passwords;
        this.accounts = accounts;
        this.directory = directory;
        this.audit = audit;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        if (ldap.enabled()) {
            // Every half period, so that a removal made just after a sweep is still seen within one.
            long every = Math.max(1000, config.recheck().toMillis() / 2);
            timer = vertx.setPeriodic(every, id -> vertx.executeBlocking(() -> {
                sweep();
                return null;
            }, false));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One pass over the directory accounts; stops at the first sign that the directory or Redis is away. */
    synchronized void sweep() {
        try {
            for (String name : directory.names()) {
                directory.find(name).filter(DirectoryAccounts::fromDirectory).ifPresent(this::recheck);
            }
        } catch (FactorUnavailableException e) {
            audit.record(AuditLog.Event.LDAP_UNAVAILABLE, null, null, "reason", e.reason(), "during", "recheck");
            LOG.warnf("Directory accounts not re-checked, the directory is unreachable: %s", e.getMessage());
        } catch (StoreUnavailableException e) {
            LOG.debugf("Directory accounts not re-checked, Redis unreachable: %s", e.getMessage());
        }
    }

    private void recheck(User account) {
        Optional<DirectoryPerson> person = ldap.find(account.username())
                .map(found -> ldap.withGroups(found, account.username()));
        Set<Role> roles = person.map(passwords::rolesOf).orElse(Set.of());
        accounts.recheck(account, person, roles);
    }
}
