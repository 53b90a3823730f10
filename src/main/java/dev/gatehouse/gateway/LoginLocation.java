package dev.gatehouse.gateway;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.gatehouse.signin.OriginalUrl;
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
        return OriginalUrl.of(request);
    }
}
