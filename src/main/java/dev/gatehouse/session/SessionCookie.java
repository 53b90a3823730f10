package dev.gatehouse.session;

import java.time.Duration;

import jakarta.inject.Singleton;

/** Writes the session cookie with the attributes the configuration asks for. */
@Singleton
public class SessionCookie {

    private final SessionConfig config;

    public SessionCookie(SessionConfig config) {
        this.config = config;
    }

    public String name() {
        return config.cookieName();
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
