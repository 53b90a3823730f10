package dev.gatehouse.user;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where accounts live. Profiles (who someone is, which roles they hold) and credentials (how they
 * prove it) are kept apart, so that a sign-in method that has no password never sees one and a
 * profile read never carries a hash. Every change is announced on {@link #CHANGED} with the
 * account's name, so that every instance forgets what it remembered of it.
 */
public interface UserDirectory {

    /** The broadcast channel of account changes. */
    String CHANGED = "gatehouse:account:changed";

    /** The account's profile; empty for unknown and for malformed names. */
    Optional<User> find(String username);

    /** The account whose e-mail address is {@code email} (in any case); empty when none is. */
    Optional<User> findByEmail(String email);

    /** The account's bcrypt hash; empty when it has none (or does not exist). */
    Optional<String> passwordHash(String username);

    /** Creates or replaces the profile; the credentials stay as they are. */
    void save(User user);

    /**
     * Makes a new account, with its password hash when it has one, unless an account of that name
     * exists: false then, and nothing changed. Whatever else the name held (a stray hash) is dropped
     * first, so a new account never inherits an old password.
     */
    boolean create(User user, Optional<String> passwordHash);

    /**
     * Notes a successful sign-in on an existing account. Announces nothing: no instance remembers it
     * for deciding anything, and a broadcast per sign-in would only make every instance forget.
     */
    void recordLogin(String username, Instant at);

    /** The new address the account waits to confirm by code; empty when none waits. */
    Optional<String> pendingEmail(String username);

    /** Keeps the address waiting for its code, or forgets it when empty; announces nothing. */
    void setPendingEmail(String username, Optional<String> email);

    /** Sets the account's password hash. */
    void setPasswordHash(String username, String hash);

    /** Removes the account, credentials included. */
    void delete(String username);

    /** The names of every account. */
    List<String> names();
}
