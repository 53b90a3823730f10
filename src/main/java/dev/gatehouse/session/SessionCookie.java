package dev.gatehouse.session;

import java.time.Duration;
import java.util.Optional;

import jakarta.inject.Singleton;

import dev.gatehouse.http.RequestCookies;
import io.vertx.core.http.HttpServerRequest;

/** Reads and writes the session cookie with the attributes the configuration asks for. */
@Singleton
public class SessionCookie {

    static final String HOST_PREFIX = "__Host-";
    static final String BASE_NAME = "gatehouse_session";

    private final SessionConfig config;
    private final String name;

    public SessionCookie(SessionConfig config) {
        this.config = config;
        this.name = nameFor(config);
    }

    static String nameFor(SessionConfig config) {
        boolean hostOnly = config.cookieDomain().isEmpty() && config.secureCookie();
        String name = config.cookieName().orElse(hostOnly ? HOST_PREFIX + BASE_NAME : BASE_NAME);
        if (name.startsWith(HOST_PREFIX) && !hostOnly) {
            throw new IllegalArgumentException("gatehouse.session.cookie-name " + name
                    + ": a __Host- cookie must be Secure and have no Domain; choose another name or drop the domain");
        }
        return name;
    }

    public String name() {
        return name;
    }

    /**
     * The session id the request carries. A request with more than one session cookie carries none:
     * a second copy can only have been planted (by a sibling subdomain, say), and whichever copy
     * were chosen, the planter could choose the victim's identity or lock them out.
     */
    public Optional<String> readFrom(HttpServerRequest request) {
        return RequestCookies.only(request, name);
    }

    public String issue(Session session) {
        return header(session.id(), config.lifetime());
    }

    /** Tells the browser to forget the cookie. */
    public String clear() {
        return header("", Duration.ZERO);
    }

    private String header(String value, Duration maxAge) {
        StringBuilder cookie = new StringBuilder(name).append('=').append(value)
                .append("; Path=/; Max-Age=").append(maxAge.toSeconds()).append("; HttpOnly");
        if (config.secureCookie()) {
            cookie.append("; Secure");
        }
        cookie.append("; SameSite=").append(config.sameSite().name());
        config.cookieDomain().ifPresent(domain -> cookie.append("; Domain=").append(domain));
        return cookie.toString();
    }
}
