package dev.gatehouse.authn;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.problem.Problem;
import dev.gatehouse.problem.ProblemException;
import dev.gatehouse.problem.ProblemMappers;
import dev.gatehouse.problem.StoreUnavailableException;
import dev.gatehouse.regulation.Attempt;
import dev.gatehouse.regulation.Regulation;
import dev.gatehouse.user.EmailAddress;
import dev.gatehouse.user.User;
import dev.gatehouse.user.UserDirectory;

/**
 * Every sign-in, whatever the factor: brute-force regulation, the factor's check, padding, audit.
 * Unknown users, wrong proofs and bans get the same answer after the same minimum time, so neither
 * the body nor the clock tells which accounts exist. The caller turns the account into a session or
 * a token. A success is noted on the account as its last login.
 */
@Singleton
public class LoginPipeline {

    static final String INVALID = "Invalid username or password.";
    private static final Logger LOG = Logger.getLogger(LoginPipeline.class);

    private final LoginConfig config;
    private final Regulation regulation;
    private final AuditLog audit;
    private final UserDirectory directory;
    private final Clock clock;
    private final LoginMeters meters;

    public LoginPipeline(LoginConfig config, Regulation regulation, AuditLog audit, UserDirectory directory, Clock clock,
            LoginMeters meters) {
        this.config = config;
        this.meters = meters;
        this.regulation = regulation;
        this.audit = audit;
        this.directory = directory;
        this.clock = clock;
    }

    /** Runs on a virtual thread: factors may hash, and failures sleep. {@code via} names the endpoint for the audit line. */
    public <P> User signIn(String username, Factor<P> factor, P proof, String clientAddress, String via) {
        return signIn(username, factor, proof, clientAddress, Optional.empty(), via);
    }

    /** {@code device}: the browser's device cookie, which regulation remembers on success like the address. */
    public <P> User signIn(String typedName, Factor<P> factor, P proof, String clientAddress, Optional<String> device,
            String via) {
        long started = System.nanoTime();
        // An address is a name in any case: Alice@Example.com signs in as alice@example.com.
        String username = EmailAddress.parse(typedName).orElse(typedName);
        Attempt attempt = regulation.begin(username, clientAddress, device);
        if (attempt.banned()) {
            long retryAfter = Math.max(1, (attempt.bannedFor().get().toMillis() + 999) / 1000);
            audit.record(AuditLog.Event.LOGIN_BANNED, username, clientAddress, "reason", "banned_" + attempt.bannedScope().get(),
                    "retry_after", String.valueOf(retryAfter), "via", via);
            meters.count(factor, LoginMeters.Result.BANNED);
            throw rejected(factor, started, Map.of("Retry-After", String.valueOf(retryAfter)));
        }
        Optional<User> user;
        try {
            user = factor.verify(username, proof);
        } catch (FactorUnavailableException e) {
            throw unavailable(e, attempt, factor, username, clientAddress, via);
        }
        if (user.isEmpty() || user.get().status() == User.Status.DISABLED) {
            // A disabled account answers exactly like a wrong password: its existence is nobody's business.
            regulation.failed(attempt);
            audit.record(AuditLog.Event.LOGIN_FAILED, username, clientAddress, "reason",
                    user.isEmpty() ? "invalid_credentials" : "disabled", "via", via, "method", factor.method());
            meters.count(factor, LoginMeters.Result.FAILURE);
            throw rejected(factor, started, Map.of());
        }
        if (user.get().status() == User.Status.PENDING) {
            // Only after the right proof: whoever sees this already knows the password.
            regulation.succeeded(attempt);
            audit.record(AuditLog.Event.LOGIN_FAILED, username, clientAddress, "reason", "not_verified", "via", via,
                    "method", factor.method());
            meters.count(factor, LoginMeters.Result.NOT_VERIFIED);
            throw new ProblemException(403, "Forbidden", "This account is not verified yet: enter the code sent by mail.");
        }
        regulation.succeeded(attempt);
        noteLogin(user.get().username());
        audit.record(AuditLog.Event.LOGIN_SUCCESS, username, clientAddress, "via", via, "method", factor.method());
        meters.count(factor, LoginMeters.Result.SUCCESS);
        return user.get();
    }

    /**
     * The factor could not decide: not a failure, so the reservation goes back and a retry later is no
     * closer to a ban. Unpadded: there was no verdict to hide.
     */
    private ProblemException unavailable(FactorUnavailableException e, Attempt attempt, Factor<?> factor, String username,
            String clientAddress, String via) {
        regulation.abandoned(attempt);
        audit.record(e.event(), username, clientAddress, "reason", e.reason(), "via", via, "method", factor.method());
        LOG.warnf("Sign-in of %s could not be decided: %s", username, e.getMessage());
        long retryAfter = Math.max(1, e.retryAfter().toSeconds());
        return new ProblemException(Problem.of(503, "Service Unavailable",
                "Sign-in cannot be checked right now. Retry shortly."), Map.of("Retry-After", String.valueOf(retryAfter)));
    }

    /** Bookkeeping for the accounts list: a sign-in that succeeded does not fail over it. */
    private void noteLogin(String username) {
        try {
            directory.recordLogin(username, clock.instant());
        } catch (StoreUnavailableException e) {
            LOG.debugf("Last login of %s not recorded: %s", username, e.getMessage());
        }
    }

    /** The one answer to every failed login, sent no sooner than the configured minimum. */
    private ProblemException rejected(Factor<?> factor, long startedNanos, Map<String, String> extraHeaders) {
        padSince(startedNanos);
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("WWW-Authenticate", ProblemMappers.BEARER_CHALLENGE);
        return new ProblemException(Problem.of(401, "Unauthorized", factor.rejection()), headers);
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
}
