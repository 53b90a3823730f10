package dev.gatehouse.e2e;

import static dev.gatehouse.e2e.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The edge as clients meet it: nginx with the shipped configuration in front of the packaged app on
 * its Unix socket, with Redis behind. One stack serves the whole class.
 */
class EdgeIT {

    private static final String OPENAPI_JSON = "/q/openapi?format=json";

    private static Stack stack;
    private static EdgeClient client;

    @BeforeAll
    static void startStack() {
        stack = Stack.start("EdgeIT");
        client = stack.client();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void redirectsHttpToHttps() {
        Reply reply = client.sendPlainHttp(Request.get("/open/page.html?x=1"));

        assertEquals(301, reply.status());
        // The HTTPS port is spelled out: the stack does not run on 443.
        assertEquals(client.https("/open/page.html?x=1").toString(), reply.header("location").orElseThrow());
    }

    @Test
    void openSiteNeedsNoCredentials() {
        Reply reply = client.get("/open/");

        assertEquals(200, reply.status());
        assertEquals("text/html", reply.mediaType());
    }

    @Test
    void closedSiteAsksForCredentials() {
        Reply reply = client.get("/close/");

        assertEquals(401, reply.status());
        assertTrue(reply.header("www-authenticate").orElse("").startsWith("Basic "), reply::toString);
    }

    @Test
    void closedSiteRefusesWrongPassword() {
        Reply reply = client.send(Request.get("/close/").basicAuth(Stack.CLOSE_USER, "not-the-password"));

        assertEquals(401, reply.status());
    }

    @Test
    void closedSiteAdmitsRightPasswordFromAllowedAddress() {
        Reply reply = client.send(Request.get("/close/").basicAuth(Stack.CLOSE_USER, Stack.CLOSE_PASSWORD));

        assertEquals(200, reply.status());
        assertEquals("text/html", reply.mediaType());
    }

    @Test
    void closedSiteForbidsAddressOutsideAllowlist() {
        // The allowlist is 127.0.0.1 and ::1; the right password alone is not enough (satisfy all).
        Reply reply = client.from("127.0.0.2")
                .send(Request.get("/close/").basicAuth(Stack.CLOSE_USER, Stack.CLOSE_PASSWORD));

        assertEquals(403, reply.status());
    }

    @Test
    void landingPageFramesThePublicSitesAndOnlyLinksTheClosedOne() {
        Reply reply = client.get("/");

        assertEquals(200, reply.status());
        // A frame of /close/ would pop up a basic-auth prompt on load; a link asks only when followed.
        assertEquals(List.of("/q/swagger-ui/", "/open/"), iframeSources(reply.text()));
        assertTrue(reply.text().contains("href=\"/close/\""), "the closed site is linked");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/", "/open/", "/api/ping", "/q/openapi" })
    void everyAnswerCarriesHstsAndNosniff(String path) {
        Reply reply = client.get(path);

        assertEquals(200, reply.status());
        // Exactly one copy each: the edge hides the app's own, and browsers ignore conflicting pairs.
        List<String> hsts = reply.headers("strict-transport-security");
        assertEquals(1, hsts.size(), () -> "HSTS headers: " + hsts);
        assertTrue(hsts.get(0).matches("max-age=[1-9][0-9]*.*"), hsts.get(0));
        assertEquals(List.of("nosniff"), reply.headers("x-content-type-options"));
    }

    @Test
    void compressesJsonWhenAsked() {
        // The API description: JSON well above gzip_min_length, whatever keys or routes exist.
        Reply reply = client.send(Request.get(OPENAPI_JSON).header("Accept-Encoding", "gzip"));

        assertEquals(200, reply.status());
        assertEquals("application/json", reply.mediaType());
        assertTrue(reply.gzipped(), reply::toString);
        assertTrue(reply.json().path("paths").has("/api/count"), reply::text);
    }

    @Test
    void sendsJsonUncompressedWhenNotAsked() {
        Reply reply = client.get(OPENAPI_JSON);

        assertEquals(200, reply.status());
        assertFalse(reply.header("content-encoding").isPresent(), reply::toString);
        assertTrue(reply.json().path("paths").has("/api/count"), reply::text);
    }

    @Test
    void answersPingThroughTheEdge() {
        Reply reply = client.get("/api/ping");

        assertEquals(200, reply.status());
        assertEquals("application/json", reply.mediaType());
        assertEquals("ok", reply.json().path("status").asText());
    }

    @Test
    void countsVisitsOfLoggedInUserThroughTheEdge() {
        String token = client.login(Stack.USER, Stack.USER_PASSWORD);

        long first = visits(client.send(Request.get("/api/count").bearer(token)));
        long second = visits(client.send(Request.get("/api/count").bearer(token)));

        assertEquals(first + 1, second);
    }

    @Test
    void refusesOversizedBodyWithProblem() {
        // Larger than nginx's client_max_body_size (64k), so nginx answers without asking the app.
        byte[] body = new byte[100 * 1024];
        Arrays.fill(body, (byte) 'a');

        Reply reply = client.send(Request.post("/auth/login", "application/json", body));

        assertProblem(413, reply);
    }

    @Test
    void answersNotFoundProblemForUnknownApiPath() {
        assertProblem(404, client.get("/api/no-such-thing"));
    }

    @Test
    void answersNotFoundProblemForUnknownQuarkusPath() {
        // Only documentation and readiness leave the host; other /q/ paths are nginx's 404.
        assertProblem(404, client.get("/q/metrics"));
    }

    @Test
    void socketIsOpenToOwnerAndNginxGroupOnly() throws Exception {
        PosixFileAttributes socket = Files.readAttributes(stack.app().socket(), PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);

        assertTrue(socket.isOther(), "a socket, neither file nor directory");
        assertEquals("rw-rw----", PosixFilePermissions.toString(socket.permissions()));
        assertEquals(Stack.NGINX_GROUP, socket.group().getName());
    }

    @Test
    void counterSurvivesRedisRestart() {
        String token = client.login(Stack.USER, Stack.USER_PASSWORD);
        long before = visits(client.send(Request.get("/api/count").bearer(token)));

        stack.redis().restart();

        // While the app reconnects it answers 503, which does not count; the first 200 does.
        Reply after = E2e.eventually(Duration.ofSeconds(30), () -> client.send(Request.get("/api/count").bearer(token)),
                reply -> reply.status() == 200);
        assertEquals(before + 1, visits(after));
    }

    @Test
    void answersProblemWhileAppIsDown() {
        stack.app().stop();
        try {
            Reply reply = client.get("/api/ping");

            assertTrue(reply.status() == 502 || reply.status() == 503, reply::toString);
            assertProblem(reply.status(), reply);
        } finally {
            stack.app().start();
        }
    }

    private static long visits(Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("application/json", reply.mediaType());
        return reply.json().path("visits").asLong(-1);
    }

    private static List<String> iframeSources(String html) {
        Matcher matcher = Pattern.compile("<iframe\\b[^>]*\\bsrc=\"([^\"]*)\"").matcher(html);
        List<String> sources = new ArrayList<>();
        while (matcher.find()) {
            sources.add(matcher.group(1));
        }
        return sources;
    }
}
