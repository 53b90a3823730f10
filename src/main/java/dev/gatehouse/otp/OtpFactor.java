package dev.gatehouse.otp;

import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.authn.Factor;
import dev.gatehouse.user.Role;
import dev.gatehouse.user.User;

/**
 * A code sent by mail, as a sign-in factor: the {@link dev.gatehouse.authn.LoginPipeline} adds
 * regulation per client address, padding and the login audit. Each check spends one of the code's
 * attempts before comparing (in constant time, hash against hash); the right code is ended by the
 * same check that accepts it, so it works once even under parallel tries.
 */
@Singleton
public class OtpFactor implements Factor<OtpFactor.Proof> {

    /** The code, and the client address for the audit line. */
    public record Proof(String code, String clientAddress) {
        @Override
        public String toString() {
            return "Proof[" + clientAddress + "]";
        }
    }

    private final OtpCodes codes;
    private final OtpSecret secret;
    private final AllowlistFile allowlist;
    private final AllowlistAccounts accounts;
    private final OtpConfig config;
    private final AuditLog audit;

    public OtpFactor(OtpCodes codes, OtpSecret secret, AllowlistFile allowlist, AllowlistAccounts accounts, OtpConfig config,
            AuditLog audit) {
        this.codes = codes;
        this.secret = secret;
        this.allowlist = allowlist;
        this.accounts = accounts;
        this.config = config;
        this.audit = audit;
    }

    @Override
    public String method() {
        return "otp";
    }

    @Override
    public String rejection() {
        return "Invalid or expired code.";
    }

    @Override
    public Optional<User> verify(String address, Proof proof) {
        String reason = check(address, proof.code());
        Optional<User> user = Optional.empty();
        if (reason == null) {
            Optional<Set<Role>> roles = allowlist.current().rolesOf(address);
            user = roles.flatMap(listed -> accounts.accountFor(address, listed));
            reason = roles.isEmpty() ? "not_listed" : user.isEmpty() ? "other_account" : "ok";
        }
        audit.record(AuditLog.Event.OTP_VERIFY, address, proof.clientAddress(), "result",
                user.isPresent() ? "success" : "failure", "reason", reason);
        return user;
    }

    /** Null when {@code code} is the address's current code, now used up; else why not. */
    private String check(String address, String code) {
        Optional<OtpCodes.Stored> stored = codes.reserveAttempt(address, config.maxAttempts());
        if (stored.isEmpty()) {
            return "no_code";
        }
        if (!OtpSecret.same(stored.get().hash(), secret.hashOf(address, code))) {
            if (stored.get().attempt() >= config.maxAttempts()) {
                codes.discard(address, stored.get().hash());
                return "burned";
            }
            return "wrong_code";
        }
        return codes.discard(address, stored.get().hash()) ? null : "already_used";
    }
}
