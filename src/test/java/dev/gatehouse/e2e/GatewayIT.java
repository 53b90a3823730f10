package dev.gatehouse.e2e;

import static dev.gatehouse.e2e.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The NGINX auth_request gateway as API clients and scripts meet it: /analytics/ (admin or mod)
 * asks Gatehouse's /auth/verify before every request, and the browser login (/auth/session) decides
 * where people go afterwards. One stack serves the whole class; nothing here fails a password, so
 * brute-force regulation never gets in the way (GatewayRegulationIT covers it).
 */
class GatewayIT {

    private static final String DASHBOARD = "/analytics/";
    private static final String RECEIVED_HEADERS = "/analytics/received-headers";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Everything the edge may answer for a protected location; a 500 means /auth/verify said something else. */
    private static final Set<Integer> GATEWAY_ANSWERS = Set.of(200, 302, 401, 403);

    private static Stack stack;
    private static EdgeClient client;
    private static String adminToken;
    private static String modToken;
    private static String userToken;

    @BeforeAll
    static void startStack() {
        stack = Stack.start("GatewayIT");
        client = stack.client();
        adminToken = client.login(Stack.ADMIN, Stack.ADMIN_PASSWORD);
        modToken = client.login(Stack.MOD, Stack.MOD_PASSWORD);
        userToken = client.login(Stack.USER, Stack.USER_PASSWORD);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    // --- API clients: bearer tokens --------------------------------------------------------------

    @Test
    void dashboardAsksApiClientWithoutCredentialsForBearerToken() {
        Reply reply = client.fresh().get(DASHBOARD);

        assertProblem(401, reply);
        // Exactly one challenge: two would leave clients guessing which scheme applies.
        assertEquals(List.of("Bearer realm=\"gatehouse\""), reply.headers("www-authenticate"));
    }

    @Test
    void dashboardAdmitsAdminBearerToken() {
        Reply reply = client.fresh().send(Request.get(DASHBOARD).bearer(adminToken));

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("text/html", reply.mediaType());
        assertTrue(reply.text().contains("id=\"who\""), reply::text);
    }

    @Test
    void dashboardAdmitsModBearerToken() {
        // The location asks for admin OR mod.
        Reply reply = client.fresh().send(Request.get(DASHBOARD).bearer(modToken));

        assertEquals(200, reply.status(), reply::toString);
    }

    @Test
    void aPermissionLocationAdmitsAGrantOnItsResourceWithinSixSeconds() {
        EdgeClient client = stack.client();
        Request page = Request.get("/bots/support/").bearer(userToken);
        assertEquals(403, client.send(page).status());
        assertEquals(200, client.send(Request.get("/bots/support/").bearer(adminToken)).status(), "admins hold bots:edit");
        assertTrue(java.util.Set.of(200, 201).contains(client.send(Request.put("/api/admin/resources/support-bot",
                java.util.Map.of("name", "Support bot")).bearer(adminToken)).status()));
        assertTrue(java.util.Set.of(200, 201).contains(client.send(Request.put("/api/admin/resources/support-bot/grants/"
                + Stack.USER, java.util.Map.of("role", "editor")).bearer(adminToken)).status()));
        long granted = System.nanoTime();
        Reply admitted;
        while ((admitted = client.send(page)).status() != 200) {
            assertTrue(System.nanoTime() - granted < 6_000_000_000L, "not admitted within 6 s: " + admitted);
            E2e.sleep(java.time.Duration.ofMillis(100));
        }
        assertTrue(admitted.text().contains("Support bot"));
        assertEquals(204, client.send(Request.delete("/api/admin/resources/support-bot/grants/" + Stack.USER)
                .bearer(adminToken)).status());
    }

    @Test
    void dashboardForbidsBearerTokenWithoutRequiredRole() {
        Reply reply = client.fresh().send(Request.get(DASHBOARD).bearer(userToken));

        assertProblem(403, reply);
    }

    @Test
    void dashboardSendsBrowserWithoutSessionToLoginWithOriginalUrl() {
        String path = DASHBOARD + "reports?tab=2";

        Reply reply = client.fresh().send(Request.get(path).header("Accept", "text/html,application/xhtml+xml"));

        assertEquals(302, reply.status(), reply::toString);
        assertEquals("/login?rd=" + encoded(client.https(path).toString()), reply.header("location").orElseThrow());
    }

    @Test
    void dashboardIgnoresIdentityHeadersSentByClient() {
        // Only Gatehouse's answer names the user; a client claiming to be someone gets nowhere.
        Reply reply = client.fresh().send(Request.get(DASHBOARD)
                .header("Remote-User", Stack.ADMIN).header("Remote-Groups", "admin"));

        assertProblem(401, reply);
    }

    // --- What reaches the protected dashboard ----------------------------------------------------

    @Test
    void dashboardReceivesSignedInUserAndRoles() {
        EdgeClient mod = client.fresh();
        signIn(mod, Stack.MOD, Stack.MOD_PASSWORD, null);

        Map<String, String> received = receivedHeaders(mod.get(RECEIVED_HEADERS));

        assertEquals(Stack.MOD, received.get("remote-user"));
        assertEquals("mod", received.get("remote-groups"));
    }

    @Test
    void dashboardReceivesIdentityFromGatehouseRatherThanFromClient() {
        EdgeClient mod = client.fresh();
        signIn(mod, Stack.MOD, Stack.MOD_PASSWORD, null);

        Map<String, String> received = receivedHeaders(mod.send(Request.get(RECEIVED_HEADERS)
                .header("Remote-User", "mallory").header("Remote-Groups", "admin")));

        assertEquals(Stack.MOD, received.get("remote-user"));
        assertEquals("mod", received.get("remote-groups"));
    }

    @Test
    void dashboardReceivesOtherCookiesButNotSessionCookie() {
        String session = sessionOf(Stack.ADMIN, Stack.ADMIN_PASSWORD);

        // The session in the middle: both neighbours must survive its removal intact.
        Map<String, String> received = receivedHeaders(client.fresh().send(Request.get(RECEIVED_HEADERS)
                .header("Cookie", "theme=dark; " + Stack.SESSION_COOKIE + "=" + session + "; lang=en")));

        assertEquals(Stack.ADMIN, received.get("remote-user"), "the session itself was accepted");
        assertEquals("theme=dark; lang=en", received.get("cookie"));
    }

    // --- Where login sends people ---------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = { "https://evil.example/", "//evil.example", "javascript:alert(1)", "%2F%2Fevil.example",
            "https://localhost@evil.example/", "/\\evil.example", "/\\/evil.example", "\\\\evil.example",
            "https:evil.example", "http://evil.example/analytics/" })
    void loginSendsUnsafeDestinationHome(String rd) {
        Reply reply = client.fresh().send(sessionRequest(Stack.ADMIN, Stack.ADMIN_PASSWORD, rd));

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("/", reply.json().path("redirect").asText());
    }

    @Test
    void loginKeepsAbsoluteDestinationOnOwnOrigin() {
        String rd = client.https(DASHBOARD + "?tab=2").toString();

        Reply reply = client.fresh().send(sessionRequest(Stack.ADMIN, Stack.ADMIN_PASSWORD, rd));

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(rd, reply.json().path("redirect").asText());
    }

    @Test
    void loginSendsOwnHostOverPlainHttpHome() {
        // Same host and port, other scheme: a downgrade, not this origin.
        String rd = client.https(DASHBOARD).toString().replaceFirst("^https:", "http:");

        Reply reply = client.fresh().send(sessionRequest(Stack.ADMIN, Stack.ADMIN_PASSWORD, rd));

        assertEquals("/", reply.json().path("redirect").asText());
    }

    // --- Login from other sites -------------------------------------------------------------------

    @Test
    void refusesLoginFromOtherSiteOrigin() {
        EdgeClient victim = client.fresh();

        Reply reply = victim.send(sessionRequest(Stack.ADMIN, Stack.ADMIN_PASSWORD, null)
                .header("Origin", "https://evil.example"));

        assertEquals(403, reply.status(), reply::toString);
        assertTrue(victim.cookie(Stack.SESSION_COOKIE).isEmpty(), "no session may be planted");
    }

    @Test
    void refusesLoginBrowserMarksCrossSite() {
        Reply reply = client.fresh().send(sessionRequest(Stack.ADMIN, Stack.ADMIN_PASSWORD, null)
                .header("Sec-Fetch-Site", "cross-site"));

        assertEquals(403, reply.status(), reply::toString);
    }

    @Test
    void acceptsLoginFromOwnOrigin() {
        // What the login page itself sends: the guard must not refuse it.
        String origin = client.https("").toString();

        Reply reply = client.fresh().send(sessionRequest(Stack.ADMIN, Stack.ADMIN_PASSWORD, null)
                .header("Origin", origin).header("Sec-Fetch-Site", "same-origin"));

        assertEquals(200, reply.status(), reply::toString);
    }

    // --- /auth/verify under hostile input ---------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedTokens")
    void dashboardRefusesForgedToken(String token) {
        Reply reply = client.fresh().send(Request.get(DASHBOARD).bearer(token));

        assertProblem(401, reply);
    }

    static Stream<Named<String>> forgedTokens() {
        String[] admin = adminToken.split("\\.");
        String[] user = userToken.split("\\.");
        ObjectNode promoted = claims(user[1]);
        promoted.putArray("groups").add("admin");
        String none = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String hs256 = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        return Stream.of(
                Named.of("user token promoted to admin, signature kept", user[0] + "." + base64Url(promoted.toString()) + "." + user[2]),
                Named.of("admin claims with alg none, no signature", none + "." + admin[1] + "."),
                Named.of("admin claims with alg none, signature kept", none + "." + admin[1] + "." + admin[2]),
                Named.of("admin token without its signature", admin[0] + "." + admin[1] + "."),
                Named.of("admin claims signed HS256 with a guessable secret",
                        hmac(hs256 + "." + admin[1], "secret")),
                Named.of("admin token signature of another token", admin[0] + "." + admin[1] + "." + user[2]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void gatewayAnswersHostileRequestWithoutServerError(Request request) throws IOException {
        Path appLog = stack.app().log();
        long logBefore = Files.size(appLog);

        // Sent byte for byte, non-ASCII header values and unknown methods included.
        Reply reply = client.fresh().send(request);

        assertTrue(GATEWAY_ANSWERS.contains(reply.status()), reply::toString);
        String logged = appended(appLog, logBefore);
        assertFalse(logged.contains(" ERROR "), logged);
    }

    static Stream<Named<Request>> hostileRequests() {
        String huge = "A".repeat(7000);
        return Stream.of(
                hostile("garbage bearer token", Request.get(DASHBOARD).bearer("not-a-jwt")),
                hostile("empty bearer token", Request.get(DASHBOARD).header("Authorization", "Bearer")),
                hostile("bearer token of empty parts", Request.get(DASHBOARD).bearer("..")),
                hostile("bearer token of too many parts", Request.get(DASHBOARD).bearer("a.b.c.d.e")),
                hostile("bearer token of invalid base64", Request.get(DASHBOARD).bearer("%%%.***.!!!")),
                hostile("bearer token of JSON that is not an object",
                        Request.get(DASHBOARD).bearer(base64Url("[]") + "." + base64Url("null") + ".x")),
                hostile("alg none token claiming admin", Request.get(DASHBOARD).bearer(base64Url("{\"alg\":\"none\"}") + "."
                        + base64Url("{\"iss\":\"gatehouse\",\"sub\":\"" + Stack.ADMIN + "\",\"upn\":\"" + Stack.ADMIN
                                + "\",\"groups\":[\"admin\"],\"exp\":4102444800}") + ".")),
                hostile("huge bearer token", Request.get(DASHBOARD).bearer(huge)),
                hostile("huge bearer token of many parts", Request.get(DASHBOARD).bearer("a.".repeat(3500))),
                hostile("valid token under a lower-case scheme", Request.get(DASHBOARD).header("Authorization", "bearer " + adminToken)),
                hostile("basic credentials of the admin",
                        Request.get(DASHBOARD).basicAuth(Stack.ADMIN, Stack.ADMIN_PASSWORD)),
                hostile("unknown authorization scheme", Request.get(DASHBOARD).header("Authorization", "Negotiate YIIBhwYGKwYBBQUCoIIB")),
                hostile("non-ASCII bytes in Authorization", Request.get(DASHBOARD).header("Authorization", "Bearer \u00e9\u00ff\u0080")),
                hostile("empty session cookie", Request.get(DASHBOARD).header("Cookie", Stack.SESSION_COOKIE + "=")),
                hostile("session cookie without value", Request.get(DASHBOARD).header("Cookie", Stack.SESSION_COOKIE)),
                hostile("quoted session cookie", Request.get(DASHBOARD).header("Cookie", Stack.SESSION_COOKIE + "=\"abc\"")),
                hostile("session cookie of escapes", Request.get(DASHBOARD).header("Cookie", Stack.SESSION_COOKIE + "=%00%ff%0d%0a")),
                hostile("session cookie of non-ASCII bytes", Request.get(DASHBOARD).header("Cookie", Stack.SESSION_COOKIE + "=\u00e9\u00ff")),
                hostile("session cookie naming a Redis key pattern", Request.get(DASHBOARD).header("Cookie", Stack.SESSION_COOKIE + "=*")),
                hostile("session cookie naming a path", Request.get(DASHBOARD).header("Cookie", Stack.SESSION_COOKIE + "=../../../etc/passwd")),
                hostile("huge session cookie", Request.get(DASHBOARD).header("Cookie", Stack.SESSION_COOKIE + "=" + huge)),
                hostile("two session cookies", Request.get(DASHBOARD).header("Cookie", Stack.SESSION_COOKIE + "=a; " + Stack.SESSION_COOKIE + "=b")),
                hostile("cookie header of separators", Request.get(DASHBOARD).header("Cookie", ";;=;==; ;=" + Stack.SESSION_COOKIE + "==")),
                hostile("junk X-Original-URL", Request.get(DASHBOARD).header("X-Original-URL", "javascript:alert(1)\u00ff")),
                hostile("junk X-Original-URL for a browser",
                        Request.get(DASHBOARD).header("Accept", "text/html").header("X-Original-URL", "//evil.example/%ZZ")),
                hostile("junk X-Forwarded headers", Request.get(DASHBOARD).header("X-Forwarded-For", "999.1.1.1, junk")
                        .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Uri", "%ZZ").header("X-Forwarded-Proto", "gopher")),
                hostile("query of NUL and overlong UTF-8 for a browser",
                        Request.get(DASHBOARD + "?rd=%00%ff%c0%af&&=").header("Accept", "text/html")),
                // Percent-encoded in the login Location, a URL of slashes triples in size: one login
                // would still honour as its destination (2048 characters at most), and a longer one.
                hostile("long URL for a browser", Request.get(DASHBOARD + "?q=" + "/".repeat(2000)).header("Accept", "text/html")),
                hostile("very long URL for a browser", Request.get(DASHBOARD + "?q=" + "%41".repeat(2000)).header("Accept", "text/html")),
                // Each within nginx's limits, together more than the app takes by default.
                hostile("many large headers together", Request.get(DASHBOARD).bearer(huge)
                        .header("Cookie", "big=" + huge).header("X-Padding-1", huge).header("X-Padding-2", huge)),
                hostile("role parameter on the protected URL", Request.get(DASHBOARD + "?role=user").bearer(userToken)),
                hostile("Accept with text/html in upper case", Request.get(DASHBOARD).header("Accept", "TEXT/HTML;;;q=x")),
                hostile("Accept of junk", Request.get(DASHBOARD).header("Accept", "*/*;q=junk, ,,;;")),
                hostile("Accept of non-ASCII bytes", Request.get(DASHBOARD).header("Accept", "text/\u00e9\u00ff")),
                hostile("huge Accept", Request.get(DASHBOARD).header("Accept", "text/html,".repeat(700))),
                hostile("unknown method", new Request("FROBNICATE", DASHBOARD, List.of(), null)),
                hostile("DELETE with a body", new Request("DELETE", DASHBOARD, List.of(Map.entry("Content-Type", "application/json")),
                        "{\"x\":1}".getBytes(StandardCharsets.UTF_8))),
                hostile("OPTIONS for a browser", new Request("OPTIONS", DASHBOARD, List.of(Map.entry("Accept", "text/html")), null)),
                hostile("valid token with hostile neighbours", Request.get(DASHBOARD).bearer(adminToken)
                        .header("Cookie", Stack.SESSION_COOKIE + "=\u00ff; x=\"").header("Accept", "text/html\u00ff")
                        .header("X-Original-URL", "\u00ff")));
    }

    // --- Helpers ------------------------------------------------------------------------------------

    private static Named<Request> hostile(String name, Request request) {
        return Named.of(name, request);
    }

    private static Request sessionRequest(String username, String password, String rd) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        if (rd != null) {
            body.put("rd", rd);
        }
        return Request.postJson("/auth/session", body);
    }

    /** Signs {@code browser} in through the login endpoint; its cookie jar then holds the session. */
    private static void signIn(EdgeClient browser, String username, String password, String rd) {
        Reply reply = browser.send(sessionRequest(username, password, rd));
        assertEquals(200, reply.status(), reply::toString);
    }

    private static String sessionOf(String username, String password) {
        EdgeClient browser = client.fresh();
        signIn(browser, username, password, null);
        return browser.cookie(Stack.SESSION_COOKIE).orElseThrow().getValue();
    }

    /** The dashboard's received-headers page: one {@code name: value} line per header. */
    private static Map<String, String> receivedHeaders(Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        Map<String, String> received = new LinkedHashMap<>();
        reply.text().lines().filter(line -> line.contains(":")).forEach(line -> {
            int colon = line.indexOf(':');
            received.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        });
        return received;
    }

    private static String appended(Path log, long from) throws IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from), StandardCharsets.UTF_8);
    }

    private static String encoded(String url) {
        return URLEncoder.encode(url, StandardCharsets.UTF_8);
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode claims(String payload) {
        try {
            return (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(payload));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hmac(String signingInput, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
