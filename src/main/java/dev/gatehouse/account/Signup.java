package dev.gatehouse.account;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.code.CodeInput;
import dev.gatehouse.code.CodePolicy;
import dev.gatehouse.code.Codes;
import dev.gatehouse.code.Purpose;
import dev.gatehouse.code.Requested;
import dev.gatehouse.problem.ProblemException;
import dev.gatehouse.user.EmailAddress;
import dev.gatehouse.user.PasswordHasher;
import dev.gatehouse.user.PasswordPolicy;
import dev.gatehouse.user.Role;
import dev.gatehouse.user.User;
import dev.gatehouse.user.UserDirectory;

/**
 * Creating one's own account: the address is the username, the account waits (pending) until the
 * code mailed to the address comes back. An address that already has an account gets the same answer
 * and a notice by mail instead of a code, so nobody learns from the answer which addresses have
 * accounts; the password is hashed either way, so the time does not tell either.
 */
@Singleton
public class Signup {

    static final int MAX_NAME_LENGTH = 100;

    private final SignupConfig config;
    private final UserDirectory directory;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final Codes codes;
    private final AuditLog audit;
    private final Set<Role> defaultRoles;

    public Signup(SignupConfig config, UserDirectory directory, PasswordPolicy policy, PasswordHasher hasher, Codes codes,
            AuditLog audit) {
        this.config = config;
        this.directory = directory;
        this.policy = policy;
        this.hasher = hasher;
        this.codes = codes;
        this.audit = audit;
        this.defaultRoles = Role.parse(config.defaultRole()).map(Set::of).orElseThrow(() -> new IllegalStateException(
                "gatehouse.signup.default-role: unknown role '" + config.defaultRole() + "'; roles are " + Role.CATALOG));
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** Blocking: hashes the password and makes one Redis round trip for the code. */
    public Requested request(String email, String password, String name, String clientAddress) {
        String address = CodeInput.address("email", email);
        requireDomain(address);
        CodeInput.required("password", password);
        policy.require("password", password, address, Optional.of(address));
        Optional<String> displayName = displayName(name);
        String hash = hasher.hash(password);
        Optional<User> existing = directory.find(address).or(() -> directory.findByEmail(address));
        boolean fresh = existing.isEmpty()
                || existing.get().status() == User.Status.PENDING && existing.get().source() == User.Source.SIGNUP;
        Requested requested = fresh
                ? codes.send(Purpose.SIGNUP, address, address, clientAddress, CodePolicy.ACCOUNTS, true)
                : codes.send(Purpose.SIGNUP_TAKEN, address, address, clientAddress, CodePolicy.ACCOUNTS, true);
        if (requested.accepted() && fresh) {
            // Signing up again replaces the pending account's password and name: only the code makes it count.
            directory.save(new User(address, defaultRoles, User.Status.PENDING, User.Source.SIGNUP, Optional.of(address),
                    displayName, Instant.now().truncatedTo(ChronoUnit.SECONDS)));
            directory.setPasswordHash(address, hash);
        }
        audit.record(AuditLog.Event.SIGNUP_REQUESTED, address, clientAddress, "existing", String.valueOf(!fresh),
                "result", requested.accepted() ? "accepted" : "limited");
        return requested;
    }

    private void requireDomain(String address) {
        List<String> domains = config.domains().orElse(List.of()).stream().map(String::strip).filter(d -> !d.isEmpty())
                .map(d -> d.toLowerCase(Locale.ROOT)).toList();
        if (!domains.isEmpty() && !domains.contains(EmailAddress.domainOf(address))) {
            throw CodeInput.invalid("email", "must be an address at " + String.join(", ", domains));
        }
    }

    private static Optional<String> displayName(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_NAME_LENGTH || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw CodeInput.invalid("name", "must be at most " + MAX_NAME_LENGTH + " characters, without control characters");
        }
        return Optional.of(trimmed);
    }

    /** Activates the pending account when {@code code} is its current signup code. */
    Optional<User> activate(String address, String code, String clientAddress) {
        Codes.Outcome outcome = codes.check(Purpose.SIGNUP, address, code, CodePolicy.ACCOUNTS);
        Optional<User> pending = outcome == Codes.Outcome.OK ? directory.find(address)
                .filter(user -> user.status() == User.Status.PENDING && user.source() == User.Source.SIGNUP)
                : Optional.empty();
        pending.ifPresent(user -> directory.save(user.withStatus(User.Status.ACTIVE)));
        audit.record(AuditLog.Event.SIGNUP_VERIFIED, address, clientAddress, "result", pending.isPresent() ? "success" : "failure",
                "reason", pending.isPresent() || outcome != Codes.Outcome.OK ? outcome.reason() : "not_pending");
        return pending.map(user -> user.withStatus(User.Status.ACTIVE));
    }

    static ProblemException notFound() {
        return new ProblemException(404, "Not Found", "Signing up is not enabled here.");
    }
}
