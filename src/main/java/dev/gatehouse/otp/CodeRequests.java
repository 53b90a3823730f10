package dev.gatehouse.otp;

import jakarta.inject.Singleton;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.code.Codes;
import dev.gatehouse.code.Purpose;
import dev.gatehouse.code.Requested;

/**
 * Asking for a sign-in code. Listed and unlisted addresses take the same path through
 * {@link Codes#send}; only listed ones get mail. Whether it was listed appears only in the audit line.
 */
@Singleton
public class CodeRequests {

    private final Codes codes;
    private final AllowlistFile allowlist;
    private final OtpConfig config;
    private final AuditLog audit;

    public CodeRequests(Codes codes, AllowlistFile allowlist, OtpConfig config, AuditLog audit) {
        this.codes = codes;
        this.allowlist = allowlist;
        this.config = config;
        this.audit = audit;
    }

    /** For a canonical address; blocking (one Redis round trip). */
    public Requested request(String address, String clientAddress) {
        boolean listed = allowlist.current().admits(address);
        Requested outcome = codes.send(Purpose.SIGN_IN, address, address, clientAddress, config.policy(), listed);
        audit.record(AuditLog.Event.OTP_REQUEST, address, clientAddress, "listed", String.valueOf(listed),
                "result", outcome.accepted() ? "accepted" : "limited");
        return outcome;
    }

    public boolean enabled() {
        return config.enabled();
    }
}
