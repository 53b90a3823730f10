package dev.gatehouse.authn;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.gatehouse.platform.Broadcasts;
import dev.gatehouse.problem.StoreUnavailableException;
import dev.gatehouse.user.User;
import dev.gatehouse.user.UserDirectory;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * What a session or token says about its account is checked against the account as it is now:
 * it must still exist and be active, the credential must be younger than the account's
 * {@code validAfter}, and the roles are the account's current ones. So a removed or disabled
 * account, a new password or a role change reach every live session and token. Accounts are
 * remembered for {@link #REMEMBER} and forgotten at once when {@link UserDirectory#CHANGED} says so;
 * as with sessions, a read under way while a change arrives is not remembered.
 */
@Singleton
public class AccountStates {

    /** Bounds how long a change takes when the broadcast is lost: within 6 s, said the review. */
    static final Duration REMEMBER = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(AccountStates.class);

    private final UserDirectory directory;
    private final Cache<String, Optional<User>> recent = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(REMEMBER).build();
    private final AtomicLong generation = new AtomicLong();

    public AccountStates(UserDirectory directory, Broadcasts broadcasts) {
        this.directory = directory;
        broadcasts.listen(UserDirectory.CHANGED, this::forget, this::forgetAll);
    }

    /**
     * {@code claimed} as it stands now, for a credential issued at {@code issuedAt}; empty when the
     * credential no longer counts. {@code statelessIfUnreachable}: a bearer token is self-contained,
     * so when Redis cannot be asked it keeps what it says; a session has no such fallback.
     */
    Uni<Optional<Identity>> current(Identity claimed, Instant issuedAt, boolean statelessIfUnreachable) {
        return account(claimed.username())
                .map(account -> account.filter(User::active)
                        .filter(user -> !issuedAt.isBefore(user.validAfter()))
                        .map(user -> claimed.withRoles(user.roles())))
                .onFailure(StoreUnavailableException.class).recoverWithUni(failure -> {
                    if (!statelessIfUnreachable) {
                        return Uni.createFrom().failure(failure);
                    }
                    LOG.debugf("Account state unavailable; the token stands on its own: %s", failure.getMessage());
                    return Uni.createFrom().item(Optional.of(claimed));
                });
    }

    private Uni<Optional<User>> account(String username) {
        Optional<User> known = recent.getIfPresent(username);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        long startedUnder = generation.get();
        // The directory blocks (a Redis round trip, bounded in time): off the event loop with it.
        return Uni.createFrom().item(() -> {
            Optional<User> found = directory.find(username);
            if (generation.get() == startedUnder) {
                recent.put(username, found);
            }
            return found;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private void forget(String username) {
        generation.incrementAndGet();
        recent.invalidate(username);
    }

    private void forgetAll() {
        generation.incrementAndGet();
        recent.invalidateAll();
    }
}
