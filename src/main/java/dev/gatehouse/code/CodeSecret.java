package dev.gatehouse.code;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.gatehouse.platform.SecretFiles;
import dev.gatehouse.platform.StateConfig;

/**
 * The server secret behind codes ({@code GATEHOUSE_OTP_SECRET} or {@code GATEHOUSE_OTP_SECRET_FILE}, at
 * least 32 characters). Default: generated once into the state directory ({@code otp-secret}, mode
 * 0600), which every instance of one host shares; instances on several hosts need the same value.
 * Whoever holds it can test guesses offline against what Redis holds. Two keys are derived from it: one hashes codes (HMAC-SHA256), so
 * Redis never holds a code, only what cannot be reversed without the secret; one seals the mails
 * waiting in the outbox (AES-GCM), so that a code waiting for delivery is unreadable there too.
 */
@Singleton
public class CodeSecret {

    static final String FILE = "otp-secret";
    static final int MIN_LENGTH = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec macKey;
    private final SecretKeySpec sealKey;
    private final SecureRandom random;

    public CodeSecret(@ConfigProperty(name = "gatehouse.otp.secret") Optional<String> configured, StateConfig state,
            SecureRandom random) {
        this.random = random;
        String secret = configured.map(String::strip).orElseGet(() -> SecretFiles
                .readOrCreatePrivate(state.dir().resolve(FILE), () -> generate(random)));
        if (secret.length() < MIN_LENGTH) {
            throw new IllegalStateException("gatehouse.otp.secret must be at least " + MIN_LENGTH + " characters");
        }
        byte[] root = secret.getBytes(StandardCharsets.UTF_8);
        this.macKey = new SecretKeySpec(hmac(root, "gatehouse otp code"), "HmacSHA256");
        this.sealKey = new SecretKeySpec(hmac(root, "gatehouse otp outbox"), "AES");
    }

    private static String generate(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The keyed hash a code is kept as; bound to its purpose and subject, so it is good for those only. */
    String hashOf(Purpose purpose, String subject, String code) {
        return HexFormat.of().formatHex(hmac(macKey.getEncoded(), purpose.id() + "\n" + subject + "\n" + code));
    }

    /** Constant-time comparison of two hashes. */
    static boolean same(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    String seal(String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, sealKey, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** The plain text, or an exception when {@code sealed} was not sealed with this secret. */
    String open(String sealed) throws GeneralSecurityException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("Not sealed", e);
        }
        if (bytes.length <= NONCE_BYTES) {
            throw new GeneralSecurityException("Not sealed");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, sealKey, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
        return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
