package dev.gatehouse.auth;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.problem.Problem;
import dev.gatehouse.problem.ProblemException;
import dev.gatehouse.problem.ProblemMappers;
import dev.gatehouse.regulation.Attempt;
import dev.gatehouse.regulation.Regulation;
import dev.gatehouse.user.PasswordHasher;
import dev.gatehouse.user.User;
import dev.gatehouse.user.UserStore;

/**
 * Checks a username and password under brute-force regulation. Unknown users, wrong passwords and
 * bans get the same answer after the same minimum time, so neither the body nor the clock tells
 * which accounts exist.
 */
@Singleton
public class Authenticator {

    static final String INVALID = "Invalid username or password.";

    private final UserStore users;
    private final PasswordHasher hasher;
    private final LoginConfig config;
    private final Regulation regulation;
    private final AuditLog audit;

    public Authenticator(UserStore users, PasswordHasher hasher, LoginConfig config, Regulation regulation, AuditLog audit) {
        this.users = users;
        this.hasher = hasher;
        this.config = config;
        this.regulation = regulation;
        this.audit = audit;
    }

    /** Runs on a virtual thread: it hashes and may sleep. {@code via} names the endpoint for the audit line. */
    public User authenticate(Credentials credentials, String clientAddress, String via) {
        long started = System.nanoTime();
        String name = credentials.username();
        Attempt attempt = regulation.begin(name, clientAddress);
        if (attempt.banned()) {
            long retryAfter = Math.max(1, (attempt.bannedFor().get().toMillis() + 999) / 1000);
            audit.record(AuditLog.Event.LOGIN_BANNED, name, clientAddress, "reason", "banned_" + attempt.bannedScope().get(),
                    "retry_after", String.valueOf(retryAfter), "via", via);
            throw rejected(started, Map.of("Retry-After", String.valueOf(retryAfter)));
        }
        Optional<User> user = users.find(name);
        boolean valid = hasher.matches(credentials.password(), user.map(User::passwordHash).orElse(null));
        if (!valid) {
            regulation.failed(attempt);
            audit.record(AuditLog.Event.LOGIN_FAILED, name, clientAddress, "reason", "invalid_credentials", "via", via);
            throw rejected(started, Map.of());
        }
        regulation.succeeded(attempt);
        audit.record(AuditLog.Event.LOGIN_SUCCESS, name, clientAddress, "via", via);
        return upgradeHash(user.get(), credentials.password());
    }

    /** The one answer to every failed login, sent no sooner than the configured minimum. */
    private ProblemException rejected(long startedNanos, Map<String, String> extraHeaders) {
        padSince(startedNanos);
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("WWW-Authenticate", ProblemMappers.BEARER_CHALLENGE);
        return new ProblemException(Problem.of(401, "Unauthorized", INVALID), headers);
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
