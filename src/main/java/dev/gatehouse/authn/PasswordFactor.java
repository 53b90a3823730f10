package dev.gatehouse.authn;

import java.util.Optional;

import jakarta.inject.Singleton;

import dev.gatehouse.user.PasswordHasher;
import dev.gatehouse.user.User;
import dev.gatehouse.user.UserDirectory;

/**
 * A password checked against the account's bcrypt hash; an unknown account is checked against the
 * decoy hash, so it costs as much. A hash made with another cost is upgraded on success.
 */
@Singleton
public class PasswordFactor implements Factor<String> {

    static final String METHOD = "password";

    private final UserDirectory directory;
    private final PasswordHasher hasher;

    public PasswordFactor(UserDirectory directory, PasswordHasher hasher) {
        this.directory = directory;
        this.hasher = hasher;
    }

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public Optional<User> verify(String username, String password) {
        Optional<String> hash = directory.passwordHash(username);
        if (!hasher.matches(password, hash.orElse(null))) {
            return Optional.empty();
        }
        if (hasher.needsRehash(hash.get())) {
            directory.setPasswordHash(username, hasher.hash(password));
        }
        return directory.find(username);
    }
}
