package dev.gatehouse.user;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An account's profile. Credentials are kept apart, in the {@link UserDirectory}.
 *
 * @param validAfter sessions and tokens issued before this instant no longer count (set when the
 *                   password changes, so that earlier sign-ins end everywhere)
 * @param created    when the directory first saved the account; empty for accounts older than the field
 * @param lastLogin  the latest successful sign-in, empty before the first one
 * @param origin     for accounts of source {@code sso}: the identity source that made them and keeps
 *                   them up to date (e.g. {@code ldap}); empty for every other account
 *
 * <p>{@code created} and {@code lastLogin} are the directory's own record: they are read with the
 * profile, and {@link UserDirectory#save} never writes them.
 */
public record User(String username, Set<Role> roles, Status status, Source source, Optional<String> email,
        Optional<String> displayName, Instant validAfter, Optional<Instant> created, Optional<Instant> lastLogin,
        Optional<String> origin) {

    /** Whether the account may sign in. */
    public enum Status {
        ACTIVE, PENDING, DISABLED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status parse(String id) {
            return id == null ? ACTIVE : valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    /** Where the account came from; accounts from configuration are the configuration's to change. */
    public enum Source {
        /** ALLOWLIST: made at a first sign-in by e-mailed code; it lives as long as the list admits it. */
        CONFIG, SIGNUP, ADMIN, SSO, ALLOWLIST;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Source parse(String id) {
            return id == null ? CONFIG : valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * Account names: letters, digits and {@code . _ @ + -}, 1 to 64, or an {@link EmailAddress} in its
     * canonical form. They travel in headers and Redis keys.
     */
    public static final String NAME_RULE = "1-64 letters, digits or . _ @ + -, or an e-mail address";
    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9._@+-]{1,64}");
    /**
     * Accounts made at a single sign-on: {@code <provider>:<subject>}. The colon keeps them apart from
     * every name a person or an administrator can choose, so no local account can take the place of one.
     */
    private static final Pattern SSO_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}:[A-Za-z0-9._@+|=-]{1,128}");

    public User {
        roles = Set.copyOf(roles);
    }

    /** A profile to be saved: the directory records when it was made and when it signs in. */
    public User(String username, Set<Role> roles, Status status, Source source, Optional<String> email,
            Optional<String> displayName, Instant validAfter) {
        this(username, roles, status, source, email, displayName, validAfter, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** An active account declared by configuration, valid since the epoch. */
    public static User declared(String username, Set<Role> roles) {
        return new User(username, roles, Status.ACTIVE, Source.CONFIG, Optional.empty(), Optional.empty(), Instant.EPOCH);
    }

    /** Any account's name: one a person or an administrator chose, or a single sign-on's. */
    public static boolean isValidName(String name) {
        return isLocalName(name) || isSsoName(name);
    }

    /** A name a person or an administrator may choose. */
    public static boolean isLocalName(String name) {
        return name != null && (VALID_NAME.matcher(name).matches() || EmailAddress.isCanonical(name));
    }

    /** The name of an account made at a single sign-on, {@code <provider>:<subject>}. */
    public static boolean isSsoName(String name) {
        return name != null && SSO_NAME.matcher(name).matches();
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    public User withRoles(Set<Role> changed) {
        return new User(username, changed, status, source, email, displayName, validAfter, created, lastLogin, origin);
    }

    public User withStatus(Status changed) {
        return new User(username, roles, changed, source, email, displayName, validAfter, created, lastLogin, origin);
    }

    public User withValidAfter(Instant changed) {
        return new User(username, roles, status, source, email, displayName, changed, created, lastLogin, origin);
    }

    public User withContact(Optional<String> newEmail, Optional<String> newDisplayName) {
        return new User(username, roles, status, source, newEmail, newDisplayName, validAfter, created, lastLogin, origin);
    }

    /** Marks the account as made and kept up to date by the identity source {@code name}. */
    public User withOrigin(String name) {
        return new User(username, roles, status, source, email, displayName, validAfter, created, lastLogin, Optional.of(name));
    }

    @Override
    public String toString() {
        return "User[" + username + ", roles=" + Role.ids(roles) + ", " + status.id() + "]";
    }
}
