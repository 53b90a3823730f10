package dev.gatehouse.sso;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.Digests;
import dev.gatehouse.platform.RedisGateway;
import io.vertx.mutiny.redis.client.Response;

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
    /** KEYS: the state. Answers its fields and deletes it, in one step. */
    private static final String TAKE = """
            local fields = redis.call('HGETALL', KEYS[1])
            redis.call('DEL', KEYS[1])
            return fields
            """;

    private final RedisGateway redis;
    private final SsoConfig config;

    LoginStates(RedisGateway redis, SsoConfig config) {
        this.redis = redis;
        this.config = config;
    }

    void save(String state, Pending pending) {
        String key = key(state);
        Map<String, String> fields = Map.of("provider", pending.provider(), "nonce", pending.nonce(), "verifier",
                pending.codeVerifier(), "redirect_uri", pending.redirectUri(), "rd", pending.rd(), "browser", pending.browser());
        redis.call(ds -> {
            ds.hash(String.class).hset(key, fields);
            return ds.key().pexpire(key, config.stateTtl().toMillis());
        });
    }

    /** The sign-in {@code state} names, once; empty when it is unknown, expired or taken already. */
    Optional<Pending> take(String state) {
        Response answer = redis.eval(TAKE, List.of(key(state)), List.of());
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; answer != null && i + 1 < answer.size(); i += 2) {
            fields.put(answer.get(i).toString(), answer.get(i + 1).toString());
        }
        if (!fields.keySet().containsAll(List.of("provider", "nonce", "verifier", "redirect_uri", "rd", "browser"))) {
            return Optional.empty();
        }
        return Optional.of(new Pending(fields.get("provider"), fields.get("nonce"), fields.get("verifier"),
                fields.get("redirect_uri"), fields.get("rd"), fields.get("browser")));
    }

    private static String key(String state) {
        return PREFIX + Digests.sha256Hex(state);
    }
}
