package dev.gatehouse.session;

import java.time.Duration;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/** Reads and writes the session cookie with the attributes the configuration asks for. */
@Singleton
public class SessionCookie {

    private final SessionConfig config;

    public SessionCookie(SessionConfig config) {
        this.config = config;
    }

    public String name() {
        return config.cookieName();
    }

    /**
     * The session id the request carries. A request with more than one session cookie carries none:
     * a second copy can only have been planted (by a sibling subdomain, say), and whichever copy
     * were chosen, the planter could choose the victim's identity or lock them out.
     */
    public Optional<String> readFrom(HttpServerRequest request) {
        String found = null;
        for (String header : request.headers().getAll(HttpHeaders.COOKIE)) {
            for (String pair : header.split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).trim().equals(config.cookieName())) {
                    if (found != null) {
                        return Optional.empty();
                    }
                    found = pair.substring(equals + 1).trim();
                }
            }
        }
        return found == null || found.isEmpty() ? Optional.empty() : Optional.of(found);
    }

    public String issue(Session session) {
        return header(session.id(), config.lifetime());
    }

    /** Tells the browser to forget the cookie. */
    public String clear() {
        return header("", Duration.ZERO);
    }

    private String header(String value, Duration maxAge) {
        StringBuilder cookie = new StringBuilder(config.cookieName()).append('=').append(value)
                .append("; Path=/; Max-Age=").append(maxAge.toSeconds()).append("; HttpOnly");
        if (config.secureCookie()) {
            cookie.append("; Secure");
        }
        cookie.append("; SameSite=").append(config.sameSite().name());
        config.cookieDomain().ifPresent(domain -> cookie.append("; Domain=").append(domain));
        return cookie.toString();
    }
}
