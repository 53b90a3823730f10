package dev.gatehouse.authn;

import java.util.Optional;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import dev.gatehouse.user.PasswordHasher;
import dev.gatehouse.user.User;
import dev.gatehouse.user.UserDirectory;

/**
 * A password checked against the account's bcrypt hash; an unknown account is checked against the
 * decoy hash, so it costs as much. A hash made with another cost is upgraded on success. A name with no
 * local password is then offered to the {@link PasswordAuthority password authorities} (the LDAP
 * directory, when configured): local accounts come first, and a wrong local password never reaches them.
 */
@Singleton
public class PasswordFactor implements Factor<String> {

    static final String METHOD = "password";

    private final UserDirectory directory;
    private final PasswordHasher hasher;
    private final Instance<PasswordAuthority> authorities;

    public PasswordFactor(UserDirectory directory, PasswordHasher hasher, Instance<PasswordAuthority> authorities) {
        this.directory = directory;
        this.hasher = hasher;
        this.authorities = authorities;
    }

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public Optional<User> verify(String username, String password) {
        Optional<String> hash = directory.passwordHash(username);
        if (!hasher.matches(password, hash.orElse(null))) {
            return hash.isPresent() ? Optional.empty() : elsewhere(username, password);
        }
        if (hasher.needsRehash(hash.get())) {
            directory.setPasswordHash(username, hasher.hash(password));
        }
        return directory.find(username);
    }

    /** The first authority that knows the name and accepts the password. */
    private Optional<User> elsewhere(String username, String password) {
        for (PasswordAuthority authority : authorities) {
            Optional<User> user = authority.verify(username, password);
            if (user.isPresent()) {
                return user;
            }
        }
        return Optional.empty();
    }
}
