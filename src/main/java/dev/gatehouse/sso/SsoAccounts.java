package dev.gatehouse.sso;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.Digests;
import dev.gatehouse.platform.RedisGateway;
import dev.gatehouse.session.SessionConfig;
import dev.gatehouse.user.User;
import dev.gatehouse.user.UserDirectory;

/**
 * Accounts for people who sign in through a provider, made just in time and keyed by (provider,
 * subject), never by e-mail alone: the account is {@code <provider>:<subject>}, and its address, name
 * and roles are the provider's, refreshed at every sign-in. A first sign-in may instead use an existing
 * local account with the same address ({@link SsoLanding.Origin#linkByEmail()}); the link is kept under
 * {@code gatehouse:sso:link:<provider>:<subject>}, and such an account keeps its own roles, which
 * Gatehouse's administrators gave it.
 */
@Singleton
class SsoAccounts {

    /** How a sign-in found its account, for the audit line. */
    enum Outcome {
        CREATED, LINKED, RETURNING
    }

    record SignedIn(User user, Outcome outcome) {
    }

    private static final String LINK = "gatehouse:sso:link:";
    private static final String SID = "gatehouse:sso:sid:";

    private final UserDirectory directory;
    private final RedisGateway redis;
    private final SessionConfig sessions;

    SsoAccounts(UserDirectory directory, RedisGateway redis, SessionConfig sessions) {
        this.directory = directory;
        this.redis = redis;
        this.sessions = sessions;
    }

    /** The account {@code identity} signs in as, made or refreshed; {@link SsoFailure} when it may not. */
    SignedIn signIn(SsoLanding.Origin provider, ProviderIdentity identity) {
        String own = provider.name() + ":" + identity.subject();
        if (!User.isSsoName(own)) {
            throw SsoFailure.forbidden("unsupported_subject");
        }
        Optional<User> linked = linkedAccount(provider.name(), identity.subject());
        if (linked.isPresent()) {
            return new SignedIn(requireActive(linked.get()), Outcome.RETURNING);
        }
        Optional<User> existing = directory.find(own);
        if (existing.isPresent()) {
            if (existing.get().source() != User.Source.SSO) {
                // Names with a colon are never a person's choice; one that is not ours was planted.
                throw SsoFailure.forbidden("account_conflict");
            }
            User refreshed = requireActive(existing.get()).withRoles(requireRoles(identity.roles()))
                    .withContact(addressFor(identity, own), identity.name());
            if (!refreshed.equals(existing.get())) {
                directory.save(refreshed);
            }
            return new SignedIn(refreshed, Outcome.RETURNING);
        }
        if (provider.linkByEmail() && identity.emailVerified() && identity.email().isPresent()) {
            Optional<User> local = directory.findByEmail(identity.email().get()).filter(SsoAccounts::provedItsAddress);
            if (local.isPresent()) {
                User account = requireActive(local.get());
                redis.call(ds -> {
                    ds.value(String.class).set(LINK + provider.name() + ":" + identity.subject(), account.username());
                    return null;
                });
                return new SignedIn(account, Outcome.LINKED);
            }
        }
        User made = new User(own, requireRoles(identity.roles()), User.Status.ACTIVE, User.Source.SSO,
                addressFor(identity, own), identity.name(), Instant.EPOCH);
        if (!directory.create(made, Optional.empty())) {
            // Another instance made it a moment ago: sign in to that one.
            return new SignedIn(directory.find(own).map(SsoAccounts::requireActive)
                    .orElseThrow(() -> SsoFailure.unavailable("account_race")), Outcome.RETURNING);
        }
        return new SignedIn(made, Outcome.CREATED);
    }

    /** The account a provider's subject signs in as: its linked local account, or its own. */
    String usernameOf(String provider, String subject) {
        String link = redis.call(ds -> ds.value(String.class).get(LINK + provider + ":" + subject));
        return link != null ? link : provider + ":" + subject;
    }

    /** Remembers which account the provider's session {@code sid} signed in, for back-channel logout. */
    void rememberSession(String provider, String sid, String username) {
        Duration lifetime = sessions.lifetime();
        redis.call(ds -> {
            ds.value(String.class).psetex(sidKey(provider, sid), lifetime.toMillis(), username);
            return null;
        });
    }

    Optional<String> usernameOfSession(String provider, String sid) {
        return Optional.ofNullable(redis.call(ds -> ds.value(String.class).get(sidKey(provider, sid))));
    }

    private static String sidKey(String provider, String sid) {
        return SID + provider + ":" + Digests.sha256Hex(sid);
    }

    private Optional<User> linkedAccount(String provider, String subject) {
        String key = LINK + provider + ":" + subject;
        String username = redis.call(ds -> ds.value(String.class).get(key));
        if (username == null) {
            return Optional.empty();
        }
        Optional<User> account = directory.find(username);
        if (account.isEmpty()) {
            // The local account was deleted: the link goes with it, and the subject starts afresh.
            redis.call(ds -> ds.key().del(key));
        }
        return account;
    }

    /**
     * The provider's address, when it checked it and no other account has it: the address index names
     * one account per address, and password resets and codes go where it points.
     */
    private Optional<String> addressFor(ProviderIdentity identity, String own) {
        if (!identity.emailVerified() || identity.email().isEmpty()) {
            return Optional.empty();
        }
        Optional<User> holder = directory.findByEmail(identity.email().get());
        return holder.isEmpty() || holder.get().username().equals(own) ? identity.email() : Optional.empty();
    }

    /**
     * Whether the local account's address was proven by a code: signup and code sign-in make accounts
     * only then, and later changes take effect only after one. An address an administrator or the
     * configuration typed in was never proven, so it links nothing.
     */
    static boolean provedItsAddress(User user) {
        return user.email().isPresent() && (user.source() == User.Source.SIGNUP || user.source() == User.Source.ALLOWLIST);
    }

    private static User requireActive(User user) {
        if (!user.active()) {
            throw SsoFailure.forbidden(user.status() == User.Status.DISABLED ? "disabled" : "not_active");
        }
        return user;
    }

    private static Set<dev.gatehouse.user.Role> requireRoles(Set<dev.gatehouse.user.Role> roles) {
        if (roles.isEmpty()) {
            throw SsoFailure.forbidden("no_role");
        }
        return roles;
    }
}
