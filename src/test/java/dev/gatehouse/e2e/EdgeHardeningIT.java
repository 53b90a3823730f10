package dev.gatehouse.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a security review and live attacks found at the edge, each as the attack it stops: credentials
 * leaking to upstreams, a planted cookie, Host echo, unknown hosts, encoded slashes, doubled headers,
 * passwords in logs, login floods, and your own locations lost on restart.
 */
class EdgeHardeningIT {

    /** The README's "protect your own app" example, as an operator would drop it in. */
    private static final String OWN_LOCATION = """
            location /mine/ {
                set $gatehouse_roles "admin";
                include snippets/gatehouse/auth-request.conf;
                alias %s/open/;
            }
            """;

    private static Stack stack;
    private static EdgeClient client;

    @BeforeAll
    static void startStack() {
        stack = Stack.builder("EdgeHardeningIT")
                .nginx(nginx -> nginx.beforeStart(EdgeHardeningIT::dropInOwnLocation)).start();
        client = stack.client();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private static void dropInOwnLocation(Path rendered) {
        try {
            Path dir = Files.createDirectories(rendered.resolve("locations.d"));
            Path webRoot = Path.of("deploy/nginx/www").toAbsolutePath();
            Files.writeString(dir.resolve("mine.conf"), OWN_LOCATION.formatted(webRoot));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void ownLocationsInLocationsDirAreServedAndProtected() {
        assertEquals(401, client.fresh().send(Request.get("/mine/").header("Accept", "application/json")).status());
        String token = client.fresh().login(Stack.ADMIN, Stack.ADMIN_PASSWORD);
        assertEquals(200, client.fresh().send(Request.get("/mine/").bearer(token)).status());
    }

    @Test
    void protectedUpstreamNeverReceivesAuthorizationOrAnySessionCookieCopy() {
        String token = client.fresh().login(Stack.ADMIN, Stack.ADMIN_PASSWORD);
        Reply reply = client.fresh().send(Request.get("/analytics/received-headers").bearer(token)
                .header("Cookie", "theme=dark; " + Stack.SESSION_COOKIE + "=planted1; gatehouse_session=planted2")
                .header("Cookie", Stack.SESSION_COOKIE + "=planted3; lang=en; " + Stack.SESSION_COOKIE + "=planted4"));
        assertEquals(200, reply.status(), reply::toString);
        String received = reply.text();
        assertFalse(received.contains("planted"), received);
        assertFalse(received.contains("Bearer"), received);
        assertTrue(received.contains("theme=dark") && received.contains("lang=en"), received);
    }

    @Test
    void httpRedirectUsesTheConfiguredNameNeverTheClientsHost() {
        Reply reply = client.sendPlainHttp(Request.get("/open/").header("Host", "localhost"));
        assertEquals(301, reply.status(), reply::toString);
        assertTrue(reply.header("location").orElseThrow().startsWith("https://localhost:"), reply::toString);
    }

    @Test
    void unknownHostsGet421OnBothPorts() {
        assertEquals(421, client.sendPlainHttp(Request.get("/open/").header("Host", "evil.example")).status());
        Reply https = client.send(Request.get("/open/").header("Host", "evil.example"));
        assertEquals(421, https.status(), https::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/q/health/group/..%2F..%2F..%2Fapi/count", "/q/health/group/..%2f..%2fapi/count",
            "/api/%2e%2e/q/dev/", "/auth/..%5Capi/count" })
    void encodedSlashesAndDotSegmentsNeverReachAnotherRoute(String path) {
        Reply reply = client.fresh().send(Request.get(path));
        assertEquals(400, reply.status(), reply::toString);
        assertEquals("application/problem+json", reply.mediaType(), reply::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/q/dev/", "/q/dev-ui/", "/q/arc/beans", "/q/metrics", "/q/info" })
    void onlyDocsAndHealthAreExposedUnderQ(String path) {
        Reply reply = client.fresh().send(Request.get(path));
        assertTrue(reply.status() == 404 || reply.status() == 403, reply::toString);
        assertEquals("application/problem+json", reply.mediaType(), reply::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/", "/login", "/open/", "/api/ping", "/favicon.svg" })
    void exactlyOneContentSecurityPolicyPerAnswer(String path) {
        Reply reply = client.fresh().get(path);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(1, reply.headers("content-security-policy").size(), reply::toString);
    }

    @Test
    void aPasswordInALoginUrlNeverReachesTheLogs() throws Exception {
        client.fresh().get("/login?username=someone&password=Sup3rSecretInUrl");
        client.fresh().get("/auth/session?password=Sup3rSecretInUrl");
        Thread.sleep(2_500); // access logs are buffered and flushed every second
        try (Stream<Path> logs = Files.walk(stack.logDir())) {
            List<String> leaking = new ArrayList<>();
            for (Path log : logs.filter(Files::isRegularFile).toList()) {
                // Byte for byte: besides text logs the directory holds nginx's binary cache files.
                if (new String(Files.readAllBytes(log), java.nio.charset.StandardCharsets.ISO_8859_1).contains("Sup3rSecretInUrl")) {
                    leaking.add(log.toString());
                }
            }
            assertEquals(List.of(), leaking);
        }
    }

    @Test
    void aLoginFloodFromOneAddressIsCutWith429() throws Exception {
        EdgeClient flooder = client.from("127.0.0.3");
        int limited = limitedOf(60, i -> flooder.send(Request.login("nobody-" + i, "not the password at all")));
        assertTrue(limited > 0, "no 429 among 60 logins sent at once");
        assertEquals(200, client.from("127.0.0.4").get("/api/ping").status(), "another address is not limited");
    }

    /** Each start keeps a state in Redis, each return may cost a call to the provider. */
    @ParameterizedTest
    @CsvSource({"127.0.0.11, /auth/sso/corp/start", "127.0.0.12, /auth/sso/corp/callback?state=x&code=y",
            "127.0.0.13, /auth/saml/start", "127.0.0.14, /auth/saml/acs"})
    void aFloodOfProviderSignInsFromOneAddressIsCutWith429(String address, String path) throws Exception {
        EdgeClient flooder = client.from(address);
        Request request = path.endsWith("/acs")
                ? Request.post(path, "application/x-www-form-urlencoded", "SAMLResponse=x&RelayState=y".getBytes())
                : Request.get(path);
        assertTrue(limitedOf(60, i -> flooder.send(request)) > 0, "no 429 among 60 requests to " + path + " sent at once");
    }

    /** A provider logging out many sessions at once sends a burst: it is not the flood above. */
    @Test
    void aBurstOfBackChannelLogoutsIsNotLimited() throws Exception {
        EdgeClient provider = client.from("127.0.0.5");
        Request logout = Request.post("/auth/sso/corp/backchannel-logout", "application/x-www-form-urlencoded",
                "logout_token=not.a.token".getBytes());
        assertEquals(0, limitedOf(60, i -> provider.send(logout)), "back-channel logouts were limited");
    }

    /** Sends count requests 30 at a time; the number answered 429, each a problem with Retry-After. */
    private static int limitedOf(int count, IntFunction<Reply> send) throws Exception {
        List<Callable<Reply>> burst = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            burst.add(() -> send.apply(n));
        }
        ExecutorService pool = Executors.newFixedThreadPool(30);
        int limited = 0;
        try {
            for (Future<Reply> answer : pool.invokeAll(burst)) {
                Reply reply = answer.get();
                if (reply.status() == 429) {
                    limited++;
                    assertEquals("application/problem+json", reply.mediaType(), reply::toString);
                    assertTrue(reply.header("retry-after").isPresent(), reply::toString);
                }
            }
        } finally {
            pool.shutdown();
        }
        return limited;
    }
}
