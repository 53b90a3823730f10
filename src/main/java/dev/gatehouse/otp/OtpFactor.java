package dev.gatehouse.otp;

import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.authn.Factor;
import dev.gatehouse.code.Codes;
import dev.gatehouse.code.Purpose;
import dev.gatehouse.user.Role;
import dev.gatehouse.user.User;

/**
 * A code sent by mail, as a sign-in factor: the {@link dev.gatehouse.authn.LoginPipeline} adds
 * regulation per client address, padding and the login audit; {@link Codes#check} makes each code
 * work once and burns it after {@code max-attempts} wrong entries.
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

    private final Codes codes;
    private final AllowlistFile allowlist;
    private final AllowlistAccounts accounts;
    private final OtpConfig config;
    private final AuditLog audit;

    public OtpFactor(Codes codes, AllowlistFile allowlist, AllowlistAccounts accounts, OtpConfig config,
            AuditLog audit) {
        this.codes = codes;
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
        Codes.Outcome checked = codes.check(Purpose.SIGN_IN, address, proof.code(), config.policy());
        String reason = checked.reason();
        Optional<User> user = Optional.empty();
        if (checked == Codes.Outcome.OK) {
            Optional<Set<Role>> roles = allowlist.current().rolesOf(address);
            user = roles.flatMap(listed -> accounts.accountFor(address, listed));
            reason = roles.isEmpty() ? "not_listed" : user.isEmpty() ? "other_account" : "ok";
        }
        audit.record(AuditLog.Event.OTP_VERIFY, address, proof.clientAddress(), "result",
                user.isPresent() ? "success" : "failure", "reason", reason);
        return user;
    }
}
