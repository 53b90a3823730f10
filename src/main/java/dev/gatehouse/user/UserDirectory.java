package dev.gatehouse.user;

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

    /** Sets the account's password hash. */
    void setPasswordHash(String username, String hash);

    /** Removes the account, credentials included. */
    void delete(String username);

    /** The names of every account. */
    List<String> names();
}
