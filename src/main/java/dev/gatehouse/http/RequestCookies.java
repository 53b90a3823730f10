package dev.gatehouse.http;

import java.util.Optional;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/** Reading one cookie from a request, the same careful way for every cookie Gatehouse sets. */
public final class RequestCookies {

    private RequestCookies() {
    }

    /**
     * The value of the one cookie named {@code name}, without RFC 6265's optional double quotes. A
     * request with more than one such cookie carries none: a second copy can only have been planted
     * (by a sibling subdomain, say), and whichever copy were chosen, the planter would choose. Empty
     * values count as none.
     */
    public static Optional<String> only(HttpServerRequest request, String name) {
        String found = null;
        for (String header : request.headers().getAll(HttpHeaders.COOKIE)) {
            for (String pair : header.split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).trim().equals(name)) {
                    if (found != null) {
                        return Optional.empty();
                    }
                    found = unquoted(pair.substring(equals + 1).trim());
                }
            }
        }
        return found == null || found.isEmpty() ? Optional.empty() : Optional.of(found);
    }

    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
