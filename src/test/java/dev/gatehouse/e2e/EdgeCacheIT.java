package dev.gatehouse.e2e;

import static dev.gatehouse.e2e.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The edge decision cache and the management interface, through nginx with the shipped configuration
 * in front of the packaged app: GATEHOUSE_EDGE_CACHE_SECONDS at its default of 1, and a second nginx
 * on the same app rendered with 0. How often nginx asked the app is read from the app's own meters
 * ({@code gatehouse_verify_total} on its management port, which nginx does not serve).
 */
class EdgeCacheIT {

    /** A file nginx serves itself behind the check for admin or mod. */
    private static final String PROTECTED_FILE = "/analytics/assets/analytics.css";

    private static Stack stack;
    private static Nginx uncached;
    private static Path uncachedDir;

    @BeforeAll
    static void startStack() {
        stack = Stack.start("EdgeCacheIT");
        uncachedDir = E2e.workDir("EdgeCacheIT-uncached");
        uncached = Nginx.builder(stack.logDir().resolve("nginx-uncached"))
                .runDir(uncachedDir)
                .socket(stack.app().socket())
                .closeHtpasswd(Htpasswd.create(uncachedDir.resolve("close.htpasswd"), Stack.CLOSE_USER,
                        Stack.CLOSE_PASSWORD, Stack.NGINX_GROUP))
                .set("GATEHOUSE_EDGE_CACHE_SECONDS", "0")
                .start();
    }

    @AfterAll
    static void stopStack() {
        try {
            if (uncached != null) {
                uncached.close();
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
            if (uncachedDir != null) {
                E2e.deleteRecursively(uncachedDir);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "/q/metrics", "/q/metrics/", "/q/health", "/q/health/live", "/q/health/started" })
    void metricsAndHealthDetailsAreNotReachableThroughNginx(String path) {
        assertProblem(404, stack.client().get(path));
    }

    @Test
    void metricsAndReadinessAreServedOnTheManagementPortAndReadinessStaysWhereNginxAsksForIt() {
        String metrics = stack.app().metrics();
        assertTrue(stack.app().management("/q/health/ready").contains("\"status\":\"UP\""));

        assertTrue(metrics.contains("# TYPE gatehouse_verify_seconds histogram"), metrics);
        assertTrue(metrics.contains("gatehouse_logins_total{method=\"password\",result=\"success\"}"), metrics);
        Reply ready = stack.client().get("/q/health/ready");
        assertEquals(200, ready.status(), ready::toString);
    }

    @Test
    void anAllowIsAnsweredAgainFromTheCacheWithinItsLifetime() {
        EdgeClient browser = signedIn(Stack.ADMIN, Stack.ADMIN_PASSWORD);
        double before = verifies("allow");

        for (int i = 0; i < 3; i++) {
            assertEquals(200, browser.get(PROTECTED_FILE).status());
        }

        assertEquals(before + 1, verifies("allow"), "verify calls for three requests within the cache lifetime");
    }

    @Test
    void withTheCacheOffEveryRequestIsVerified() {
        EdgeClient browser = signedIn(Stack.ADMIN, Stack.ADMIN_PASSWORD);
        String session = browser.cookie(Stack.SESSION_COOKIE).orElseThrow().getValue();
        EdgeClient edge = EdgeClient.edge("localhost", uncached.httpsPort(), uncached.httpPort(), uncached.tls().certificate());
        double before = verifies("allow");

        for (int i = 0; i < 3; i++) {
            assertEquals(200, edge.send(Request.get(PROTECTED_FILE).header("Cookie", Stack.SESSION_COOKIE + "=" + session))
                    .status());
        }

        assertEquals(before + 3, verifies("allow"));
    }

    @Test
    void aRevokedSessionPassesForAtMostTheCacheLifetime() {
        EdgeClient browser = signedIn(Stack.MOD, Stack.MOD_PASSWORD);
        Request copy = Request.get(PROTECTED_FILE)
                .header("Cookie", Stack.SESSION_COOKIE + "=" + browser.cookie(Stack.SESSION_COOKIE).orElseThrow().getValue());
        assertEquals(200, stack.client().send(copy).status());
        long cached = System.nanoTime();

        Reply loggedOut = browser.send(Request.postJson("/auth/logout", Map.of()));
        assertEquals(204, loggedOut.status(), loggedOut::toString);
        assertEquals(200, stack.client().send(copy).status(), "the cached allow, within its lifetime");

        E2e.eventually(Duration.ofSeconds(5), () -> stack.client().send(copy).status(), status -> status == 401);
        Duration stale = Duration.ofNanos(System.nanoTime() - cached);
        // nginx counts whole seconds: an entry of 1 s lives for less than 2.
        assertTrue(stale.compareTo(Duration.ofMillis(2500)) < 0, "revoked session still passed for " + stale);
    }

    @Test
    void refusalsAreNeverCached() {
        EdgeClient user = signedIn(Stack.USER, Stack.USER_PASSWORD);
        EdgeClient nobody = stack.client();
        double forbidden = verifies("forbidden");
        double unauthenticated = verifies("unauthenticated");

        for (int i = 0; i < 2; i++) {
            assertProblem(403, user.get(PROTECTED_FILE));
            assertProblem(401, nobody.get(PROTECTED_FILE));
        }

        assertEquals(forbidden + 2, verifies("forbidden"));
        assertEquals(unauthenticated + 2, verifies("unauthenticated"));
    }

    @Test
    void eachCredentialAndEachRequirementHasItsOwnEntry() {
        EdgeClient first = signedIn(Stack.ADMIN, Stack.ADMIN_PASSWORD);
        EdgeClient second = signedIn(Stack.ADMIN, Stack.ADMIN_PASSWORD);
        String token = stack.client().login(Stack.ADMIN, Stack.ADMIN_PASSWORD);
        double before = verifies("allow");

        assertEquals(200, first.get(PROTECTED_FILE).status());
        assertEquals(200, first.get("/team/").status()); // role=* rather than admin,mod
        assertEquals(200, second.get(PROTECTED_FILE).status());
        assertEquals(200, stack.client().send(Request.get(PROTECTED_FILE).bearer(token)).status());

        assertEquals(before + 4, verifies("allow"));
    }

    @Test
    void anAllowCarriesNoCookieForTheCacheToKeep() {
        String session = signedIn(Stack.ADMIN, Stack.ADMIN_PASSWORD).cookie(Stack.SESSION_COOKIE).orElseThrow().getValue();

        Reply allowed = stack.app().direct().send(Request.get("/auth/verify").header("Cookie", Stack.SESSION_COOKIE + "=" + session));

        assertEquals(200, allowed.status(), allowed::toString);
        assertTrue(allowed.headers("set-cookie").isEmpty(), allowed::toString);
    }

    private static EdgeClient signedIn(String username, String password) {
        EdgeClient browser = stack.client();
        Reply reply = browser.send(Request.postJson("/auth/session", Map.of("username", username, "password", password)));
        assertEquals(200, reply.status(), reply::toString);
        return browser;
    }

    private static double verifies(String decision) {
        return stack.app().metric("gatehouse_verify_total", "decision=\"" + decision + "\"");
    }
}
