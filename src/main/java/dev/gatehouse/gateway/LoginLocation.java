package dev.gatehouse.gateway;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.gatehouse.signin.RedirectPolicy;
import io.vertx.core.http.HttpServerRequest;

/** Where a browser that must sign in is sent: the login page, with the URL it asked for as {@code rd}. */
final class LoginLocation {

    private final String loginUrl;

    LoginLocation(String loginUrl) {
        this.loginUrl = loginUrl;
    }

    String of(HttpServerRequest request) {
        // A destination too long to keep is not worth a header NGINX would refuse (its buffer is a page).
        return originalUrl(request)
                .map(url -> URLEncoder.encode(url, StandardCharsets.UTF_8))
                .filter(encoded -> encoded.length() <= RedirectPolicy.MAX_LENGTH)
                .map(encoded -> loginUrl + (loginUrl.contains("?") ? "&" : "?") + "rd=" + encoded)
                .orElse(loginUrl);
    }

    /** The URL the person asked for: {@code X-Original-URL}, or rebuilt from {@code X-Forwarded-*}. */
    static Optional<String> originalUrl(HttpServerRequest request) {
        String original = request.getHeader("X-Original-URL");
        if (original != null && !original.isBlank()) {
            return Optional.of(original);
        }
        String proto = request.getHeader("X-Forwarded-Proto");
        String host = request.getHeader("X-Forwarded-Host");
        String uri = request.getHeader("X-Forwarded-Uri");
        if (proto != null && host != null && uri != null) {
            return Optional.of(proto + "://" + host + uri);
        }
        return Optional.empty();
    }
}
