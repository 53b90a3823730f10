package dev.gatehouse.http;

import jakarta.inject.Singleton;

import io.vertx.core.http.HttpServerRequest;

/** The origin ({@code scheme://host[:port]}) a browser used, as the trusted proxy reports it. */
@Singleton
public class RequestOrigin {

    private final ClientAddress clientAddress;

    public RequestOrigin(ClientAddress clientAddress) {
        this.clientAddress = clientAddress;
    }

    public String of(HttpServerRequest request) {
        boolean proxied = clientAddress.isFromTrustedProxy(request);
        String scheme = proxied ? header(request, "X-Forwarded-Proto", request.scheme()) : request.scheme();
        String host = proxied ? header(request, "X-Forwarded-Host", request.authority() == null ? "" : request.authority().toString())
                : request.authority() == null ? "" : request.authority().toString();
        String port = proxied ? request.getHeader("X-Forwarded-Port") : null;
        String origin = scheme.toLowerCase() + "://" + host.toLowerCase();
        if (port != null && !host.contains(":") && !isDefaultPort(scheme, port)) {
            origin += ":" + port;
        }
        return origin;
    }

    private static boolean isDefaultPort(String scheme, String port) {
        return ("https".equalsIgnoreCase(scheme) && "443".equals(port)) || ("http".equalsIgnoreCase(scheme) && "80".equals(port));
    }

    private static String header(HttpServerRequest request, String name, String fallback) {
        String value = request.getHeader(name);
        return value == null || value.isBlank() ? fallback : value.split(",")[0].trim();
    }
}
