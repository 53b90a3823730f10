package dev.gatehouse.user;

import java.util.concurrent.CompletableFuture;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.SecureRandomText;
import io.quarkus.elytron.security.common.BcryptUtil;

/** bcrypt hashing, with a decoy hash so that unknown users cost as much as known ones. */
@Singleton
public class PasswordHasher {

    private final int cost;
    // Made in the background: start-up need not wait a whole bcrypt round for it.
    private final CompletableFuture<String> decoyHash;

    public PasswordHasher(PasswordConfig config, SecureRandomText randomText) {
        if (config.bcryptCost() < 4 || config.bcryptCost() > 31) {
            throw new IllegalArgumentException("gatehouse.password.bcrypt-cost must be between 4 and 31");
        }
        this.cost = config.bcryptCost();
        String decoyPassword = randomText.token(24);
        this.decoyHash = CompletableFuture.supplyAsync(() -> BcryptUtil.bcryptHash(decoyPassword, cost),
                task -> Thread.ofVirtual().name("gatehouse-decoy-hash").start(task));
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, cost);
    }

    /** Checks against the stored hash, or against the decoy when there is none: same work either way. */
    public boolean matches(String password, String storedHashOrNull) {
        boolean match = BcryptUtil.matches(password, storedHashOrNull == null ? decoyHash.join() : storedHashOrNull);
        return match && storedHashOrNull != null;
    }

    /** True when the hash was made with another cost than the configured one. */
    public boolean needsRehash(String storedHash) {
        return costOf(storedHash) != cost;
    }

    static int costOf(String hash) {
        // Modular crypt format: $2a$12$...
        String[] parts = hash.split("\\$");
        try {
            return parts.length > 2 ? Integer.parseInt(parts[2]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
