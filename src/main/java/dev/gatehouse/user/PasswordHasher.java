package dev.gatehouse.user;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.SecureRandomText;
import io.quarkus.elytron.security.common.BcryptUtil;

/** bcrypt hashing, with a decoy hash so that unknown users cost as much as known ones. */
@Singleton
public class PasswordHasher {

    private final int cost;
    private final String decoyHash;

    public PasswordHasher(PasswordConfig config, SecureRandomText randomText) {
        if (config.bcryptCost() < 4 || config.bcryptCost() > 31) {
            throw new IllegalArgumentException("gatehouse.password.bcrypt-cost must be between 4 and 31");
        }
        this.cost = config.bcryptCost();
        this.decoyHash = BcryptUtil.bcryptHash(randomText.token(24), cost);
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, cost);
    }

    /** Checks against the stored hash, or against the decoy when there is none: same work either way. */
    public boolean matches(String password, String storedHashOrNull) {
        boolean match = BcryptUtil.matches(password, storedHashOrNull == null ? decoyHash : storedHashOrNull);
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
