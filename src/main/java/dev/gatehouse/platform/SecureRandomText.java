package dev.gatehouse.platform;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.inject.Singleton;

/** Unguessable identifiers and passwords, URL-safe. */
@Singleton
public class SecureRandomText {

    private final SecureRandom random;

    public SecureRandomText(SecureRandom random) {
        this.random = random;
    }

    /** {@code bytes} bytes of entropy, base64url without padding. */
    public String token(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}
