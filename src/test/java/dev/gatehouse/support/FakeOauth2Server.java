package dev.gatehouse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * GitHub and Discord as Gatehouse meets them, on a loopback port: authorize (the person is signed in at
 * once and sent back with a code), token (checks the code, the PKCE verifier, the redirect URI and the
 * client's secret, GitHub's in the form, Discord's as HTTP Basic), {@code /user}, {@code /user/emails}
 * and Discord's {@code /users/@me}. Who signs in next is what a test enqueues with {@link #nextSignIn}.
 */
public final class FakeOauth2Server {

    public static final String GITHUB_CLIENT_ID = "github-client";
    public static final String GITHUB_CLIENT_SECRET = "github-client-secret";
    public static final String DISCORD_CLIENT_ID = "discord-client";
    public static final String DISCORD_CLIENT_SECRET = "discord-client-secret";

    /**
     * The next person at a provider: the userinfo answer, GitHub's address list, and what goes wrong:
     * {@code tokenError} makes the token endpoint refuse the code (as GitHub does, with a 200),
     * {@code userinfoStatus} other than 200 is what userinfo answers.
     */
    public record Person(Map<String, Object> user, List<Map<String, Object>> emails, String tokenError, int userinfoStatus) {

        public static Person of(Map<String, Object> user, List<Map<String, Object>> emails) {
            return new Person(user, emails, null, 200);
        }
    }

    private record Grant(Person person, String provider, String challenge, String redirectUri, String clientId) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Queue<Person>> next = new ConcurrentHashMap<>();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Person> tokens = new ConcurrentHashMap<>();

    public FakeOauth2Server() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/github/login/oauth/authorize", exchange -> authorize(exchange, "github"));
        server.createContext("/github/login/oauth/access_token", exchange -> token(exchange, "github"));
        server.createContext("/github/api/user", this::userinfo);
        server.createContext("/discord/oauth2/authorize", exchange -> authorize(exchange, "discord"));
        server.createContext("/discord/api/oauth2/token", exchange -> token(exchange, "discord"));
        server.createContext("/discord/api/users/@me", this::userinfo);
    }

    public void start() {
        server.start();
    }

    public void stop() {
        server.stop(0);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void nextSignIn(String provider, Person person) {
        next.computeIfAbsent(provider, key -> new ConcurrentLinkedQueue<>()).add(person);
    }

    private void authorize(HttpExchange exchange, String provider) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        Person person = next.getOrDefault(provider, new ConcurrentLinkedQueue<>()).poll();
        if (person == null || !"S256".equals(query.get("code_challenge_method")) || !"code".equals(query.get("response_type"))) {
            send(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(person, provider, query.get("code_challenge"), query.get("redirect_uri"), query.get("client_id")));
        String back = query.get("redirect_uri") + "?code=" + code + "&state=" + encode(query.get("state"));
        exchange.getResponseHeaders().add("Location", back);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange, String provider) throws IOException {
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!clientAuthenticated(exchange, provider, body)) {
            send(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        Grant grant = codes.remove(String.valueOf(body.get("code")));
        if (grant == null || !grant.provider().equals(provider) || !"authorization_code".equals(body.get("grant_type"))
                || !String.valueOf(grant.redirectUri()).equals(body.get("redirect_uri"))
                || !challengeOf(String.valueOf(body.get("code_verifier"))).equals(grant.challenge())) {
            send(exchange, provider.equals("github") ? 200 : 400, "{\"error\":\"bad_verification_code\"}");
            return;
        }
        if (grant.person().tokenError() != null) {
            send(exchange, 200, JSON.writeValueAsString(Map.of("error", grant.person().tokenError())));
            return;
        }
        String token = "at-" + UUID.randomUUID();
        tokens.put(token, grant.person());
        send(exchange, 200, JSON.writeValueAsString(Map.of("access_token", token, "token_type", "bearer", "scope", "x")));
    }

    private boolean clientAuthenticated(HttpExchange exchange, String provider, Map<String, String> body) {
        if (provider.equals("github")) {
            return GITHUB_CLIENT_ID.equals(body.get("client_id")) && GITHUB_CLIENT_SECRET.equals(body.get("client_secret"));
        }
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString((DISCORD_CLIENT_ID + ":" + DISCORD_CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        return expected.equals(exchange.getRequestHeaders().getFirst("Authorization")) && !body.containsKey("client_secret");
    }

    private void userinfo(HttpExchange exchange) throws IOException {
        String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        Person person = authorization.startsWith("Bearer ") ? tokens.get(authorization.substring("Bearer ".length())) : null;
        if (person == null) {
            send(exchange, 401, "{\"message\":\"Bad credentials\"}");
            return;
        }
        if (person.userinfoStatus() != 200) {
            send(exchange, person.userinfoStatus(), "{\"message\":\"unavailable\"}");
            return;
        }
        boolean emails = exchange.getRequestURI().getPath().endsWith("/user/emails");
        send(exchange, 200, json(emails ? person.emails() : person.user()));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> form(String text) {
        Map<String, String> values = new HashMap<>();
        if (text == null) {
            return values;
        }
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(String.valueOf(text), StandardCharsets.UTF_8);
    }

    private static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
