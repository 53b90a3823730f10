package dev.gatehouse.regulation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A login attempt that regulation let through (its failure is already counted, pending the
 * verdict), or one it refused with how long the ban still lasts.
 */
public record Attempt(String username, String address, Optional<String> device, List<Scope> scopes, Optional<Duration> bannedFor,
        Optional<String> bannedScope) {

    /** One counter and its ban flag. */
    record Scope(String name, String counterKey, String banKey, int maxFailures, Duration findTime, Duration banTime) {
    }

    public boolean banned() {
        return bannedFor.isPresent();
    }

    static Attempt allowed(String username, String address, Optional<String> device, List<Scope> scopes) {
        return new Attempt(username, address, device, scopes, Optional.empty(), Optional.empty());
    }

    static Attempt refused(String username, String address, Optional<String> device, List<Scope> scopes, Duration remaining,
            String scope) {
        return new Attempt(username, address, device, scopes, Optional.of(remaining), Optional.of(scope));
    }
}
