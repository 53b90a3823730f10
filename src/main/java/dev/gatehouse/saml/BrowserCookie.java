package dev.gatehouse.saml;

import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.SecureRandomText;
import dev.gatehouse.session.SessionConfig;
import dev.gatehouse.sso.SsoConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Ties an AuthnRequest to the browser that sent it, as the OpenID Connect pre-login cookie does: a
 * response posted from another browser signs nobody in, so an attacker cannot get a victim signed in
 * as the attacker (login CSRF) by making the victim's browser post the attacker's own response.
 *
 * <p>{@code SameSite=None}: the identity provider's page posts the response to Gatehouse from its own
 * site, a cross-site POST that no Lax or Strict cookie survives. The cookie grants nothing by itself
 * (it is only compared with the hash kept with the request), is HttpOnly and Secure, has no Domain and
 * only goes to {@code /auth/saml/}. Without Secure (local tests over plain HTTP) browsers refuse
 * {@code SameSite=None}, so it is Lax there.
 */
@Singleton
class BrowserCookie {

    static final String NAME = "gatehouse_saml";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SessionConfig sessions;
    private final SsoConfig sso;
    private final SecureRandomText random;

    BrowserCookie(SessionConfig sessions, SsoConfig sso, SecureRandomText random) {
        this.sessions = sessions;
        this.sso = sso;
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

    /** The browser's value (one per browser, kept across sign-ins in several tabs), or a new one. */
    String valueFor(HttpServerRequest request) {
        return readFrom(request).orElseGet(() -> random.token(32));
    }

    String issue(String value) {
        return NAME + "=" + value + "; Path=/auth/saml/; Max-Age=" + sso.stateTtl().toSeconds() + "; HttpOnly"
                + (sessions.secureCookie() ? "; Secure; SameSite=None" : "; SameSite=Lax");
    }
}
