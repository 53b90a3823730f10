package dev.gatehouse.session;

import java.time.Duration;
import java.util.Optional;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.SecureRandomText;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * A long-lived random id a browser gets when it signs in: it grants nothing by itself, but a device
 * that signed in successfully as someone is familiar to brute-force regulation, so a flood of
 * failures elsewhere cannot lock that person out of their own browser even when its address changes.
 */
@Singleton
public class DeviceCookie {

    static final Duration LIFETIME = Duration.ofDays(400);
    private static final int ID_BYTES = 32;

    private final SessionConfig config;
    private final SecureRandomText randomText;
    private final String name;

    public DeviceCookie(SessionConfig config, SecureRandomText randomText) {
        this.config = config;
        this.randomText = randomText;
        boolean hostOnly = config.cookieDomain().isEmpty() && config.secureCookie();
        this.name = (hostOnly ? SessionCookie.HOST_PREFIX : "") + "gatehouse_device";
    }

    /** The device id the request carries, or a new one. */
    public String idOf(HttpServerRequest request) {
        return read(request).orElseGet(() -> randomText.token(ID_BYTES));
    }

    private Optional<String> read(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.COOKIE);
        if (header == null) {
            return Optional.empty();
        }
        for (String pair : header.split(";")) {
            String trimmed = pair.trim();
            if (trimmed.startsWith(name + "=")) {
                String value = trimmed.substring(name.length() + 1);
                return value.length() == 43 && value.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')
                        ? Optional.of(value) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    public String issue(String id) {
        return name + "=" + id + "; Path=/; Max-Age=" + LIFETIME.toSeconds() + "; HttpOnly"
                + (config.secureCookie() ? "; Secure" : "") + "; SameSite=Lax";
    }
}
