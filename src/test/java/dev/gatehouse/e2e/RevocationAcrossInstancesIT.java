package dev.gatehouse.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisServer;

/**
 * Two Gatehouse instances on one Redis, as behind a load balancer: a logout on one reaches the
 * other, which had the session in memory, within 100 ms; on the first, at once.
 */
class RevocationAcrossInstancesIT {

    private static final String ADMIN = "admin";
    private static final String PASSWORD = "two-instances-passphrase";
    private static final String PAT = "pat";
    private static final String PAT_PASSWORD = "pat-two-instances-phrase";

    private RedisServer redis;
    private Path workDir;
    private GatehouseProcess first;
    private GatehouseProcess second;

    @BeforeEach
    void start() {
        redis = RedisServer.start(false);
        workDir = E2e.workDir("revocation");
        first = instance(E2e.logDir("RevocationAcrossInstancesIT/first"), "first");
        second = instance(E2e.logDir("RevocationAcrossInstancesIT/second"), "second");
    }

    private GatehouseProcess instance(Path logDir, String name) {
        return GatehouseProcess.builder(logDir, workDir.resolve(name + "/run/gatehouse.sock")).redis(redis.url())
                .stateDir(workDir.resolve(name + "/state")).admin(ADMIN, PASSWORD)
                .extraUsers(PAT + ":" + PAT_PASSWORD + ":user").build().start();
    }

    @AfterEach
    void stop() {
        try {
            for (GatehouseProcess instance : new GatehouseProcess[] { first, second }) {
                if (instance != null) {
                    instance.close();
                }
            }
        } finally {
            redis.close();
            E2e.deleteRecursively(workDir);
        }
    }

    @Test
    void aLogoutOnOneInstanceReachesTheOtherWithin100Ms() {
        for (int round = 0; round < 5; round++) {
            Reply signedIn = first.direct().send(Request.postJson("/auth/session", Map.of("username", ADMIN, "password", PASSWORD)));
            assertEquals(200, signedIn.status(), signedIn::toString);
            String cookie = signedIn.headers("set-cookie").stream().filter(c -> c.startsWith(Stack.SESSION_COOKIE + "="))
                    .findFirst().orElseThrow().split(";")[0];
            // The second instance reads the session and keeps it in memory.
            assertEquals(200, verify(second, cookie));
            assertEquals(200, verify(second, cookie));

            assertEquals(204, first.direct().send(Request.postJson("/auth/logout", Map.of()).header("Cookie", cookie)).status());
            long loggedOut = System.nanoTime();
            // No check that starts more than 100 ms after the logout returned may be admitted.
            while (true) {
                long startedMs = (System.nanoTime() - loggedOut) / 1_000_000;
                if (verify(second, cookie) == 401) {
                    break;
                }
                assertTrue(startedMs <= 100, "the other instance still admitted a check started " + startedMs + " ms after");
            }
            assertEquals(401, verify(first, cookie), "and on the instance that ended it");
        }
    }

    @Test
    void aGrantMadeOnOneInstanceCountsOnTheOtherWithin6Seconds() {
        String admin = first.direct().login(ADMIN, PASSWORD);
        String pat = second.direct().login(PAT, PAT_PASSWORD);
        Request check = Request.get("/auth/verify?permission=bots:edit&resource=bot-x").bearer(pat);
        assertEquals(403, second.direct().send(check).status());

        assertEquals(201, first.direct().send(Request.put("/api/admin/resources/bot-x", Map.of("name", "Bot X")).bearer(admin))
                .status());
        assertEquals(201, first.direct().send(Request.put("/api/admin/resources/bot-x/grants/" + PAT, Map.of("role", "editor"))
                .bearer(admin)).status());
        long granted = System.nanoTime();
        while (second.direct().send(check).status() != 200) {
            assertTrue(System.nanoTime() - granted < 6_000_000_000L, "the other instance did not see the grant within 6 s");
            E2e.sleep(java.time.Duration.ofMillis(50));
        }
        assertEquals(204, first.direct().send(Request.delete("/api/admin/resources/bot-x/grants/" + PAT).bearer(admin)).status());
        long revoked = System.nanoTime();
        while (second.direct().send(check).status() != 403) {
            assertTrue(System.nanoTime() - revoked < 6_000_000_000L, "the other instance did not see the revocation within 6 s");
            E2e.sleep(java.time.Duration.ofMillis(50));
        }
    }

    private static int verify(GatehouseProcess instance, String cookie) {
        return instance.direct().send(Request.get("/auth/verify").header("Cookie", cookie)).status();
    }
}
