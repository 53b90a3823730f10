package dev.gatehouse.user;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.gatehouse.platform.SecureRandomText;
import dev.gatehouse.problem.StoreUnavailableException;
import io.quarkus.runtime.StartupEvent;

/**
 * Writes the operator's declared accounts to Redis at start-up. When Redis is not there yet the
 * service still starts (readiness says DOWN) and the accounts are written as soon as it answers.
 */
@Singleton
public class UserBootstrap {

    private static final Logger LOG = Logger.getLogger(UserBootstrap.class);
    private static final Duration RETRY = Duration.ofSeconds(3);

    private final UsersConfig config;
    private final UserDirectory directory;
    private final PasswordHasher hasher;
    private final SecureRandomText randomText;
    private final List<DeclaredUser> declared;

    public UserBootstrap(UsersConfig config, UserDirectory directory, PasswordHasher hasher, SecureRandomText randomText) {
        this.config = config;
        this.directory = directory;
        this.hasher = hasher;
        this.randomText = randomText;
        this.declared = config.extra().map(DeclaredUser::parseList).orElse(List.of());
        if (!User.isValidName(config.adminName())) {
            throw new IllegalArgumentException("API_ADMIN_USER must be 1-64 letters, digits or . _ @ + -");
        }
    }

    void onStart(@Observes StartupEvent event) {
        try {
            apply();
        } catch (StoreUnavailableException e) {
            LOG.warnf("Redis is unavailable; declared accounts will be written when it answers");
            Thread.ofVirtual().name("gatehouse-user-bootstrap").start(this::retryUntilApplied);
        }
    }

    private void retryUntilApplied() {
        while (true) {
            try {
                Thread.sleep(RETRY);
                apply();
                LOG.info("Declared accounts written to Redis");
                return;
            } catch (StoreUnavailableException e) {
                LOG.debug("Redis still unavailable for the account bootstrap");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void apply() {
        ensureAdmin();
        for (DeclaredUser user : declared) {
            ensure(user.username(), user.password(), Set.of(user.role()));
        }
    }

    private void ensureAdmin() {
        String name = config.adminName();
        if (config.adminPassword().isPresent()) {
            ensure(name, config.adminPassword().get(), Set.of(Role.ADMIN));
        } else if (directory.find(name).isEmpty()) {
            String generated = randomText.token(18);
            directory.setPasswordHash(name, hasher.hash(generated));
            directory.save(new User(name, Set.of(Role.ADMIN)));
            announce(name, generated);
        }
    }

    private void ensure(String name, String password, Set<Role> roles) {
        boolean sameRoles = directory.find(name).filter(user -> user.roles().equals(roles)).isPresent();
        boolean samePassword = directory.passwordHash(name)
                .filter(hash -> hasher.matches(password, hash) && !hasher.needsRehash(hash)).isPresent();
        if (!samePassword) {
            directory.setPasswordHash(name, hasher.hash(password));
        }
        if (!sameRoles || !samePassword) {
            directory.save(new User(name, roles));
            LOG.infof("Account %s written from the environment with roles %s", name, Role.ids(roles));
        }
    }


    /** The console, not the log: the password must not end up in log files or log shippers. */
    @SuppressWarnings("java:S106")
    private static void announce(String name, String password) {
        System.out.println("""

                ============================================================
                 Gatehouse generated a password for the administrator '%s':

                     %s

                 It is shown only this once and only its hash is stored.
                 Set API_ADMIN_PASS to choose your own.
                ============================================================
                """.formatted(name, password));
        System.out.flush();
    }
}
