package dev.gatehouse.sso;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.OneTimeRecords;

/**
 * Sign-ins under way at a provider, in Redis under the SHA-256 of their {@code state} for
 * {@link SsoConfig#stateTtl()}. Taking one deletes it in the same step, so a callback URL works once
 * however many instances it reaches, and a copy of the database holds no usable state.
 */
@Singleton
class LoginStates {

    /**
     * A sign-in begun at {@code provider}: what the callback must find again. {@code browser} is the
     * SHA-256 of the pre-login cookie, so that a callback only counts in the browser that began it.
     */
    record Pending(String provider, String nonce, String codeVerifier, String redirectUri, String rd, String browser) {
        @Override
        public String toString() {
            return "Pending[" + provider + "]";
        }
    }

    private static final String PREFIX = "gatehouse:sso:state:";
    private static final List<String> FIELDS = List.of("provider", "nonce", "verifier", "redirect_uri", "rd", "browser");

    private final OneTimeRecords records;
    private final SsoConfig config;

    LoginStates(OneTimeRecords records, SsoConfig config) {
        this.records = records;
        this.config = config;
    }

    void save(String state, Pending pending) {
        records.put(PREFIX, state, Map.of("provider", pending.provider(), "nonce", pending.nonce(), "verifier",
                pending.codeVerifier(), "redirect_uri", pending.redirectUri(), "rd", pending.rd(), "browser", pending.browser()),
                config.stateTtl());
    }

    /** The sign-in {@code state} names, once; empty when it is unknown, expired or taken already. */
    Optional<Pending> take(String state) {
        return records.take(PREFIX, state, FIELDS).map(fields -> new Pending(fields.get("provider"), fields.get("nonce"),
                fields.get("verifier"), fields.get("redirect_uri"), fields.get("rd"), fields.get("browser")));
    }
}
