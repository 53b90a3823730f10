package dev.gatehouse.signin;

import java.util.Optional;

import io.vertx.core.http.HttpServerRequest;

/**
 * The URL a person asked for when NGINX consults Gatehouse about it ({@code auth_request}, or an
 * {@code error_page} that shows a Gatehouse page in its place).
 */
public final class OriginalUrl {

    private OriginalUrl() {
    }

    /** {@code X-Original-URL}, or the URL rebuilt from {@code X-Forwarded-Proto}, {@code -Host} and {@code -Uri}. */
    public static Optional<String> of(HttpServerRequest request) {
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
