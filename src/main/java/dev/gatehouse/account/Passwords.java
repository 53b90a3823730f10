package dev.gatehouse.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.inject.Singleton;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.authn.Identity;
import dev.gatehouse.authn.LoginPipeline;
import dev.gatehouse.authn.PasswordFactor;
import dev.gatehouse.code.CodeInput;
import dev.gatehouse.code.CodePolicy;
import dev.gatehouse.code.Codes;
import dev.gatehouse.code.Purpose;
import dev.gatehouse.code.Requested;
import dev.gatehouse.problem.ProblemException;
import dev.gatehouse.session.SessionStore;
import dev.gatehouse.user.PasswordHasher;
import dev.gatehouse.user.PasswordPolicy;
import dev.gatehouse.user.User;
import dev.gatehouse.user.UserDirectory;

/**
 * Forgetting, resetting and changing a password. A reset moves the account's {@code validAfter} to
 * now, which ends every session and bearer token issued before on every instance (see
 * {@code AccountStates}); a change ends the account's other sessions and keeps the caller's.
 */
@Singleton
public class Passwords {

    private final UserDirectory directory;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final PasswordFactor passwords;
    private final LoginPipeline logins;
    private final SessionStore sessions;
    private final Codes codes;
    private final AuditLog audit;
    private final Clock clock;

    public Passwords(UserDirectory directory, PasswordPolicy policy, PasswordHasher hasher, PasswordFactor passwords,
            LoginPipeline logins, SessionStore sessions, Codes codes, AuditLog audit, Clock clock) {
        this.directory = directory;
        this.policy = policy;
        this.hasher = hasher;
        this.passwords = passwords;
        this.logins = logins;
        this.sessions = sessions;
        this.codes = codes;
        this.audit = audit;
        this.clock = clock;
    }

    /** Mails a reset code if an account has the address; the same path and answer either way. */
    public Requested forgot(String email, String clientAddress) {
        String address = CodeInput.address("email", email);
        Optional<User> account = accountOf(address).filter(user -> user.status() != User.Status.DISABLED)
                .filter(Passwords::hasOwnPassword);
        Requested requested = codes.send(Purpose.RESET, address, address, clientAddress, CodePolicy.ACCOUNTS, account.isPresent());
        audit.record(AuditLog.Event.PASSWORD_RESET_REQUESTED, account.map(User::username).orElse(address), clientAddress,
                "exists", String.valueOf(account.isPresent()), "result", requested.accepted() ? "accepted" : "limited");
        return requested;
    }

    /**
     * Sets a new password with a reset code (or the set-password code of an account an administrator
     * made). It also activates a pending signup: the code proves the address as the signup code would.
     */
    public void reset(String email, String code, String newPassword, String clientAddress) {
        String address = CodeInput.address("email", email);
        String digits = CodeInput.code(code);
        CodeInput.required("new_password", newPassword);
        Optional<User> account = accountOf(address);
        policy.require("new_password", newPassword, account.map(User::username).orElse(address), Optional.of(address));
        Codes.Outcome outcome = codes.check(Purpose.RESET, address, digits, CodePolicy.ACCOUNTS);
        if (outcome == Codes.Outcome.NO_CODE) {
            outcome = codes.check(Purpose.SET_PASSWORD, address, digits, CodePolicy.ACCOUNTS);
        }
        if (outcome != Codes.Outcome.OK || account.isEmpty() || account.get().status() == User.Status.DISABLED
                || !hasOwnPassword(account.get())) {
            audit.record(AuditLog.Event.PASSWORD_RESET, account.map(User::username).orElse(address), clientAddress,
                    "result", "failure", "reason", outcome == Codes.Outcome.OK ? "no_account" : outcome.reason());
            throw CodeInput.wrongCode();
        }
        User user = account.get();
        directory.setPasswordHash(user.username(), hasher.hash(newPassword));
        User.Status status = user.status() == User.Status.PENDING ? User.Status.ACTIVE : user.status();
        Instant validAfter = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        directory.save(user.withStatus(status).withValidAfter(validAfter));
        audit.record(AuditLog.Event.PASSWORD_RESET, user.username(), clientAddress, "result", "success");
        waitUntil(validAfter);
    }

    /**
     * Tokens carry their issue time in whole seconds. The cut-off is the next whole second, and the
     * answer waits for it: every token from before the reset is older than the cut-off, and every token
     * issued after the answer is not.
     */
    private void waitUntil(Instant instant) {
        Duration left = Duration.between(clock.instant(), instant);
        if (left.isPositive()) {
            try {
                Thread.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Changes the caller's password after checking the current one (with regulation, like a login). */
    public void change(Identity caller, String currentPassword, String newPassword, String clientAddress) {
        CodeInput.required("current_password", currentPassword);
        CodeInput.required("new_password", newPassword);
        User user = logins.signIn(caller.username(), passwords, currentPassword, clientAddress, "password-change");
        if (!hasOwnPassword(user)) {
            throw new ProblemException(409, "Conflict",
                    "This account's password is kept by its identity source; change it there.");
        }
        policy.require("new_password", newPassword, user.username(), user.email());
        directory.setPasswordHash(user.username(), hasher.hash(newPassword));
        int ended = sessions.endSessionsOf(user.username(), caller.sessionId().map(SessionStore::handleOf));
        audit.record(AuditLog.Event.PASSWORD_CHANGED, user.username(), clientAddress, "by", caller.username(),
                "other_sessions_ended", String.valueOf(ended));
    }

    /**
     * Accounts an identity source keeps (an LDAP directory) have their password there: a local one
     * would outlive the source's verdict, since local passwords are checked first.
     */
    private static boolean hasOwnPassword(User user) {
        return user.origin().isEmpty();
    }

    /**
     * The account a reset is for. Never one a single sign-on provider made: the provider is its only way
     * in, and a local password would outlive the account's disablement there.
     */
    private Optional<User> accountOf(String address) {
        return directory.findByEmail(address).or(() -> directory.find(address)).filter(user -> user.source() != User.Source.SSO);
    }
}
