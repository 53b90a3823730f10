package dev.gatehouse.otp;

import java.security.SecureRandom;
import java.time.Clock;

import jakarta.inject.Singleton;

import dev.gatehouse.audit.AuditLog;

/**
 * Asking for a code. Listed and unlisted addresses take the same path (a fresh code, its hash, its
 * sealed mail, one Redis script that counts both limits), and only the script's last step, storing
 * the code and queuing its mail, depends on the list. So the answer, its time and the limits are
 * the same for every address; whether it was listed appears only in the audit line.
 */
@Singleton
public class CodeRequests {

    private static final int CODE_SPACE = 1_000_000;

    private final OtpCodes codes;
    private final OtpSecret secret;
    private final AllowlistFile allowlist;
    private final OutboxSender sender;
    private final OtpConfig config;
    private final AuditLog audit;
    private final SecureRandom random;
    private final Clock clock;

    public CodeRequests(OtpCodes codes, OtpSecret secret, AllowlistFile allowlist, OutboxSender sender, OtpConfig config,
            AuditLog audit, SecureRandom random, Clock clock) {
        this.codes = codes;
        this.secret = secret;
        this.allowlist = allowlist;
        this.sender = sender;
        this.config = config;
        this.audit = audit;
        this.random = random;
        this.clock = clock;
    }

    /** For a canonical address; blocking (one Redis round trip). */
    public OtpCodes.Requested request(String address, String clientAddress) {
        boolean listed = allowlist.current().admits(address);
        String code = "%06d".formatted(random.nextInt(CODE_SPACE));
        CodeMail mail = new CodeMail(address, code, clock.instant().plus(config.codeLifetime()));
        IssuedCode issued = new IssuedCode(secret.hashOf(address, code), secret.seal(mail.encode()));
        OtpCodes.Requested outcome = codes.request(address, clientAddress, config, listed, issued);
        audit.record(AuditLog.Event.OTP_REQUEST, address, clientAddress, "listed", String.valueOf(listed),
                "result", outcome.accepted() ? "accepted" : "limited");
        if (outcome.accepted() && listed) {
            sender.wake();
        }
        return outcome;
    }

    public boolean enabled() {
        return config.enabled();
    }
}
