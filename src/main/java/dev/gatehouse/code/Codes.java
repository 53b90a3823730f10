package dev.gatehouse.code;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import jakarta.inject.Singleton;

/**
 * Six-digit codes sent by mail, for every purpose: sign-in, signup, password reset, a new address.
 * Sending takes the same path whether or not a mail goes out (a fresh code, its hash, its sealed
 * mail, one Redis script that counts both limits); only the script's last step depends on
 * {@code deliver}. So neither the answer, its time nor the limits tell whether an address is known.
 * Checking spends one attempt before comparing, in constant time, hash against hash; the right code
 * is ended by the same check that accepts it, so it works once even under parallel tries.
 */
@Singleton
public class Codes {

    /** How a check ended; {@link #reason()} is what audit lines say. */
    public enum Outcome {
        OK, NO_CODE, WRONG, BURNED, ALREADY_USED;

        public String reason() {
            return this == WRONG ? "wrong_code" : name().toLowerCase(Locale.ROOT);
        }
    }

    private static final int CODE_SPACE = 1_000_000;

    private final OneTimeCodes store;
    private final CodeSecret secret;
    private final OutboxSender sender;
    private final SecureRandom random;
    private final Clock clock;

    Codes(OneTimeCodes store, CodeSecret secret, OutboxSender sender, SecureRandom random, Clock clock) {
        this.store = store;
        this.secret = secret;
        this.sender = sender;
        this.random = random;
        this.clock = clock;
    }

    /**
     * A new code for {@code subject}, mailed to {@code recipient} when {@code deliver}; blocking (one
     * Redis round trip). The mail leaves later, from the outbox.
     */
    public Requested send(Purpose purpose, String subject, String recipient, String clientAddress, CodePolicy policy,
            boolean deliver) {
        String code = "%06d".formatted(random.nextInt(CODE_SPACE));
        Instant expires = clock.instant().plus(policy.lifetime());
        CodeMail mail = new CodeMail(purpose, recipient, code, expires, Math.max(1, policy.lifetime().toMinutes()));
        IssuedCode issued = new IssuedCode(secret.hashOf(purpose, subject, code), secret.seal(mail.encode()));
        Requested outcome = store.request(purpose, subject, clientAddress, policy, deliver, issued);
        if (outcome.accepted() && deliver) {
            sender.wake();
        }
        return outcome;
    }

    /** Whether {@code code} is the subject's current code; if it is, it is used up now. */
    public Outcome check(Purpose purpose, String subject, String code, CodePolicy policy) {
        Optional<OneTimeCodes.Stored> stored = store.reserveAttempt(purpose, subject, policy.maxAttempts());
        if (stored.isEmpty()) {
            return Outcome.NO_CODE;
        }
        if (!CodeSecret.same(stored.get().hash(), secret.hashOf(purpose, subject, code))) {
            if (stored.get().attempt() >= policy.maxAttempts()) {
                store.discard(purpose, subject, stored.get().hash());
                return Outcome.BURNED;
            }
            return Outcome.WRONG;
        }
        return store.discard(purpose, subject, stored.get().hash()) ? Outcome.OK : Outcome.ALREADY_USED;
    }

    /** The Redis key of a subject's code, for tests that play the clock. */
    public static String keyOf(Purpose purpose, String subject) {
        return OneTimeCodes.codeKey(purpose, subject);
    }
}
