package dev.gatehouse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenID Connect provider whose ID tokens are whatever a test mints, signed or not, with keys it
 * serves and can rotate: discovery, JWKS (counting how often it is read), authorize (sends the browser
 * straight back with a code) and a token endpoint that hands out the next token enqueued.
 */
public final class FakeOidcIssuer {

    private final HttpServer server;
    private final Queue<String> idTokens = new ConcurrentLinkedQueue<>();
    private final AtomicInteger keyReads = new AtomicInteger();
    private volatile RSAKey key = newKey();
    private volatile String keysAt;

    public FakeOidcIssuer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/minted/.well-known/openid-configuration", exchange -> send(exchange, 200, JSONObjectUtils.toJSONString(
                Map.of("issuer", issuer(), "authorization_endpoint", issuer() + "/authorize", "token_endpoint", issuer() + "/token",
                        "jwks_uri", keysAt == null ? issuer() + "/jwks" : keysAt, "response_types_supported", List.of("code"),
                        "subject_types_supported", List.of("public"), "id_token_signing_alg_values_supported", List.of("RS256")))));
        server.createContext("/minted/jwks", exchange -> {
            keyReads.incrementAndGet();
            send(exchange, 200, new JWKSet(key.toPublicJWK()).toString());
        });
        server.createContext("/minted/authorize", this::authorize);
        server.createContext("/minted/token", this::token);
    }

    public void start() {
        server.start();
    }

    public void stop() {
        server.stop(0);
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/minted";
    }

    /** The discovery document names this {@code jwks_uri} instead of the keys served here. */
    public void advertiseKeysAt(String url) {
        keysAt = url;
    }

    /** The token endpoint's next ID token. */
    public void nextIdToken(String token) {
        idTokens.add(token);
    }

    /** How often the key set has been read. */
    public int keyReads() {
        return keyReads.get();
    }

    /** The {@code kid} of the key served now. */
    public String keyId() {
        return key.getKeyID();
    }

    /** A new signing key under a new {@code kid}; the old one is no longer served. */
    public void rotateKey() {
        key = newKey();
    }

    /** {@code claims} signed RS256 with the key served now. */
    public String sign(JWTClaimsSet claims) {
        return sign(claims, key);
    }

    public static String sign(JWTClaimsSet claims, RSAKey with) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        exchange.getResponseHeaders().add("Location", query.get("redirect_uri") + "?code=" + UUID.randomUUID() + "&state="
                + URLEncoder.encode(String.valueOf(query.get("state")), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String idToken = idTokens.poll();
        if (idToken == null) {
            send(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        send(exchange, 200, JSONObjectUtils.toJSONString(
                Map.of("access_token", "at-" + UUID.randomUUID(), "token_type", "Bearer", "expires_in", 3600, "id_token", idToken)));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> form(String text) {
        Map<String, String> values = new HashMap<>();
        for (String pair : text == null ? new String[0] : text.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
