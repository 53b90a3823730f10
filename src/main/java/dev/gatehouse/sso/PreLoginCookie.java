package dev.gatehouse.sso;

import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.SecureRandomText;
import dev.gatehouse.session.SessionConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Ties a sign-in begun at a provider to the browser that began it. Without it, an attacker could
 * begin a sign-in with their own account and get a victim's browser to open the callback: the victim
 * would then be signed in as the attacker (login CSRF). The value is random, one per browser (kept
 * across concurrent sign-ins in several tabs), and only its hash is stored with the state.
 *
 * <p>{@code SameSite=Lax}: the provider sends the browser back by a top-level GET from its own site,
 * which a Strict cookie would not survive. HttpOnly, Secure as the session cookie is, no Domain, and
 * only for {@code /auth/sso/}.
 */
@Singleton
class PreLoginCookie {

    static final String NAME = "gatehouse_sso";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SessionConfig sessions;
    private final SsoConfig config;
    private final SecureRandomText random;

    PreLoginCookie(SessionConfig sessions, SsoConfig config, SecureRandomText random) {
        this.sessions = sessions;
        this.config = config;
        this.random = random;
    }

    /** The browser's value; empty when it has none, or more than one (a second copy can only be planted). */
    Optional<String> readFrom(HttpServerRequest request) {
        String found = null;
        for (String header : request.headers().getAll(HttpHeaders.COOKIE)) {
            for (String pair : header.split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).trim().equals(NAME)) {
                    if (found != null) {
                        return Optional.empty();
                    }
                    found = pair.substring(equals + 1).trim();
                }
            }
        }
        return Optional.ofNullable(found).filter(value -> WELL_FORMED.matcher(value).matches());
    }

    /** The browser's value, or a new one. */
    String valueFor(HttpServerRequest request) {
        return readFrom(request).orElseGet(() -> random.token(32));
    }

    String issue(String value) {
        return header(value, config.stateTtl().toSeconds());
    }

    String clear() {
        return header("", 0);
    }

    private String header(String value, long maxAgeSeconds) {
        return NAME + "=" + value + "; Path=/auth/sso/; Max-Age=" + maxAgeSeconds + "; HttpOnly"
                + (sessions.secureCookie() ? "; Secure" : "") + "; SameSite=Lax";
    }
}
