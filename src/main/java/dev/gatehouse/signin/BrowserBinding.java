package dev.gatehouse.signin;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.gatehouse.platform.SecureRandomText;
import dev.gatehouse.http.RequestCookies;
import io.vertx.core.http.HttpServerRequest;

/**
 * Ties a sign-in begun at an outside identity provider to the browser that began it. Without it, an
 * attacker could begin a sign-in with their own account and get a victim's browser to finish it: the
 * victim would then be signed in as the attacker (login CSRF). The value is random, one per browser
 * (kept across concurrent sign-ins in several tabs), and only its hash is stored with the pending
 * sign-in. The cookie grants nothing by itself: HttpOnly, Secure as the session cookie is, no Domain,
 * and only for the protocol's own path.
 */
public abstract class BrowserBinding {

    /** How the provider sends the browser back, which decides the {@code SameSite} the cookie needs. */
    public enum Return {
        /** A top-level GET from the provider's site (OpenID Connect, OAuth2): {@code Lax} survives it. */
        TOP_LEVEL_GET,
        /**
         * A form the provider's page posts to us (SAML HTTP-POST): a cross-site POST that only
         * {@code SameSite=None} survives. Browsers refuse None without Secure, so without Secure (local
         * plain HTTP) it is Lax.
         */
        CROSS_SITE_POST
    }

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int RANDOM_BYTES = 32;

    private final String name;
    private final String path;
    private final Return arrival;
    private final boolean secure;
    private final Duration lifetime;
    private final SecureRandomText random;

    protected BrowserBinding(String name, String path, Return arrival, boolean secure, Duration lifetime,
            SecureRandomText random) {
        this.name = name;
        this.path = path;
        this.arrival = arrival;
        this.secure = secure;
        this.lifetime = lifetime;
        this.random = random;
    }

    /** The browser's value; empty when it has none, or more than one (a second copy can only be planted). */
    public Optional<String> readFrom(HttpServerRequest request) {
        return RequestCookies.only(request, name).filter(value -> WELL_FORMED.matcher(value).matches());
    }

    /** The browser's value, or a new one. */
    public String valueFor(HttpServerRequest request) {
        return readFrom(request).orElseGet(() -> random.token(RANDOM_BYTES));
    }

    /** The {@code Set-Cookie} value that keeps {@code value} in the browser while a sign-in may come back. */
    public String issue(String value) {
        String sameSite = arrival == Return.CROSS_SITE_POST && secure ? "None" : "Lax";
        return name + "=" + value + "; Path=" + path + "; Max-Age=" + lifetime.toSeconds() + "; HttpOnly"
                + (secure ? "; Secure" : "") + "; SameSite=" + sameSite;
    }
}
