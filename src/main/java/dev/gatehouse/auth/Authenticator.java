package dev.gatehouse.auth;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import dev.gatehouse.problem.Problem;
import dev.gatehouse.problem.ProblemException;
import dev.gatehouse.problem.ProblemMappers;
import dev.gatehouse.user.PasswordHasher;
import dev.gatehouse.user.User;
import dev.gatehouse.user.UserStore;

/**
 * Checks a username and password. Unknown users and wrong passwords get the same answer after the
 * same minimum time, so neither the body nor the clock tells which accounts exist.
 */
@Singleton
public class Authenticator {

    static final String INVALID = "Invalid username or password.";

    private final UserStore users;
    private final PasswordHasher hasher;
    private final LoginConfig config;

    public Authenticator(UserStore users, PasswordHasher hasher, LoginConfig config) {
        this.users = users;
        this.hasher = hasher;
        this.config = config;
    }

    /** Runs on a virtual thread: it hashes and may sleep. */
    public User authenticate(Credentials credentials) {
        long started = System.nanoTime();
        Optional<User> user = users.find(credentials.username());
        boolean valid = hasher.matches(credentials.password(), user.map(User::passwordHash).orElse(null));
        if (!valid) {
            throw rejected(started);
        }
        return upgradeHash(user.get(), credentials.password());
    }

    /** The one answer to every failed login, sent no sooner than the configured minimum. */
    public ProblemException rejected(long startedNanos) {
        padSince(startedNanos);
        return new ProblemException(Problem.of(401, "Unauthorized", INVALID),
                Map.of("WWW-Authenticate", ProblemMappers.BEARER_CHALLENGE));
    }

    private void padSince(long startedNanos) {
        Duration remaining = config.failureMinDuration().minusNanos(System.nanoTime() - startedNanos);
        if (remaining.isPositive()) {
            try {
                Thread.sleep(remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private User upgradeHash(User user, String password) {
        if (!hasher.needsRehash(user.passwordHash())) {
            return user;
        }
        User upgraded = user.withPasswordHash(hasher.hash(password));
        users.save(upgraded);
        return upgraded;
    }
}
