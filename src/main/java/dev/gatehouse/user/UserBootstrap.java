package dev.gatehouse.user;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.gatehouse.platform.SecretFiles;
import dev.gatehouse.platform.SecureRandomText;
import dev.gatehouse.platform.StateConfig;
import dev.gatehouse.problem.StoreUnavailableException;
import io.quarkus.runtime.StartupEvent;

/**
 * Makes Redis hold exactly the accounts the configuration declares ({@link DeclaredAccounts}): adds
 * and updates them, and removes those it declared before and no longer does. A changed password
 * ends the account's earlier sessions and tokens. When Redis is not there yet the service still
 * starts (readiness says DOWN) and the accounts are written as soon as it answers.
 */
@Singleton
public class UserBootstrap {

    static final String GENERATED_PASSWORD_FILE = "admin-password";
    private static final Logger LOG = Logger.getLogger(UserBootstrap.class);
    private static final Duration RETRY = Duration.ofSeconds(3);

    private final UsersConfig config;
    private final UserDirectory directory;
    private final PasswordHasher hasher;
    private final SecureRandomText randomText;
    private final StateConfig state;
    private final Clock clock;
    private final List<DeclaredAccount> declared;

    public UserBootstrap(UsersConfig config, UserDirectory directory, PasswordHasher hasher, PasswordPolicy policy,
            SecureRandomText randomText, StateConfig state, Clock clock) {
        this.config = config;
        this.directory = directory;
        this.hasher = hasher;
        this.randomText = randomText;
        this.state = state;
        this.clock = clock;
        try {
            this.declared = DeclaredAccounts.load(config, policy);
        } catch (IllegalArgumentException e) {
            // One plain line first, for operators and `./gatehouse up`; Quarkus then stops with it.
            LOG.error(e.getMessage());
            throw e;
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
        removeUndeclared();
        if (config.adminPassword().isEmpty()) {
            generateAdminOnce();
        }
        declared.forEach(this::ensure);
    }

    private void removeUndeclared() {
        Set<String> names = declared.stream().map(DeclaredAccount::username).collect(Collectors.toCollection(HashSet::new));
        names.add(config.adminName());
        for (String name : directory.names()) {
            if (!names.contains(name) && directory.find(name).filter(user -> user.source() == User.Source.CONFIG).isPresent()) {
                directory.delete(name);
                LOG.infof("Account %s removed: the configuration no longer declares it", name);
            }
        }
    }

    private void generateAdminOnce() {
        String name = config.adminName();
        if (directory.find(name).isPresent()) {
            return;
        }
        String generated = randomText.token(18);
        Path file = state.dir().resolve(GENERATED_PASSWORD_FILE);
        SecretFiles.ensurePrivateDirectory(state.dir());
        SecretFiles.writePrivate(file, generated + "\n");
        directory.setPasswordHash(name, hasher.hash(generated));
        directory.save(User.declared(name, Set.of(Role.ADMIN)));
        // The path, never the password: logs end up in journals and log shippers.
        LOG.infof("Generated a password for the administrator '%s' in %s (mode 0600). Set API_ADMIN_PASS to choose your own.",
                name, file);
    }

    private void ensure(DeclaredAccount account) {
        String name = account.username();
        Optional<User> current = directory.find(name);
        Optional<String> hash = directory.passwordHash(name);
        boolean changedPassword = !hash.isPresent() || !samePassword(account, hash.get());
        if (changedPassword) {
            directory.setPasswordHash(name, account.passwordHash().orElseGet(() -> hasher.hash(account.password().get())));
        } else if (account.password().isPresent() && hasher.needsRehash(hash.get())) {
            directory.setPasswordHash(name, hasher.hash(account.password().get()));
        }
        Instant validAfter = changedPassword && current.isPresent() ? clock.instant()
                : current.map(User::validAfter).orElse(Instant.EPOCH);
        // created and lastLogin are the directory's record, not the configuration's: kept as they are.
        User wanted = new User(name, Role.parseAll(account.roles()), account.disabled() ? User.Status.DISABLED : User.Status.ACTIVE,
                User.Source.CONFIG, account.email(), account.displayName(), validAfter, current.flatMap(User::created),
                current.flatMap(User::lastLogin), Optional.empty());
        if (!current.equals(Optional.of(wanted))) {
            directory.save(wanted);
            LOG.infof("Account %s written from the configuration with roles %s%s", name, Role.ids(wanted.roles()),
                    account.disabled() ? ", disabled" : "");
        }
    }

    private boolean samePassword(DeclaredAccount account, String storedHash) {
        return account.password().map(password -> hasher.matches(password, storedHash))
                .orElseGet(() -> account.passwordHash().get().equals(storedHash));
    }
}
