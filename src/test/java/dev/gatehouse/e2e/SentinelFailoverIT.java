package dev.gatehouse.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Gatehouse on Redis behind Sentinel (GATEHOUSE_REDIS_SENTINELS, GATEHOUSE_REDIS_MASTER) while
 * the master's host dies under load: kill -9 of the master, a replica promoted by the sentinels.
 */
class SentinelFailoverIT {

    private static final String ADMIN = "admin";
    private static final String PASSWORD = "failover-passphrase";
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(15);
    private static final Duration FAST = Duration.ofSeconds(3);
    /** Consecutive rounds of good answers that count as recovered. */
    private static final int RECOVERED_ROUNDS = 5;

    private Path workDir;
    private SentinelSet redis;
    private GatehouseProcess app;

    @BeforeEach
    void start() {
        workDir = E2e.workDir("sentinel");
        Path logDir = E2e.logDir("SentinelFailoverIT");
        redis = SentinelSet.start(workDir.resolve("redis"), logDir);
        app = GatehouseProcess.builder(logDir, workDir.resolve("run/gatehouse.sock"))
                .env("GATEHOUSE_REDIS_SENTINELS", redis.sentinels())
                .env("GATEHOUSE_REDIS_MASTER", SentinelSet.MASTER_NAME)
                .env("GATEHOUSE_REDIS_PASSWORD", redis.password())
                .stateDir(workDir.resolve("state")).admin(ADMIN, PASSWORD).build().start();
    }

    @AfterEach
    void stop() {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            if (redis != null) {
                redis.close();
            }
            E2e.deleteRecursively(workDir);
        }
    }

    private record Answer(String what, long startedNanos, long tookNanos, int status, String mediaType, Long count) {
    }

    @Test
    void aKilledMasterIsReplacedWithinSecondsWithFast503sMeanwhileAndNothingLost() {
        EdgeClient client = app.direct();
        assertEquals("UP", client.get("/q/health/ready").json().get("status").asText());
        String token = client.login(ADMIN, PASSWORD);
        Reply signedIn = client.fresh().send(Request.postJson("/auth/session", Map.of("username", ADMIN, "password", PASSWORD)));
        assertEquals(200, signedIn.status(), signedIn::toString);
        String cookie = signedIn.headers("set-cookie").stream().filter(c -> c.startsWith(Stack.SESSION_COOKIE + "="))
                .findFirst().orElseThrow().split(";")[0];

        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            round(client, token, cookie, answers);
        }
        int oldMaster = redis.masterPort();
        redis.killMaster();
        long killed = System.nanoTime();

        int good = 0;
        while (good < RECOVERED_ROUNDS) {
            assertTrue(System.nanoTime() - killed < RECOVERY_LIMIT.toNanos() + FAST.toNanos(),
                    "not recovered " + RECOVERY_LIMIT + " after the kill; last answers: " + tail(answers));
            good = round(client, token, cookie, answers) ? good + 1 : 0;
            E2e.sleep(Duration.ofMillis(50));
        }
        Answer firstOfRecovery = answers.get(answers.size() - 2 * RECOVERED_ROUNDS);
        long recoveredMs = (firstOfRecovery.startedNanos() - killed) / 1_000_000;
        assertTrue(recoveredMs <= RECOVERY_LIMIT.toMillis(), "requests succeeded again only " + recoveredMs + " ms after the kill");
        System.out.printf("SentinelFailoverIT: requests succeeded again %d ms after the kill; %d refusals before%n", recoveredMs,
                answers.stream().filter(answer -> answer.status() != 200).count());

        long previous = 0;
        for (Answer answer : answers) {
            assertTrue(answer.tookNanos() < FAST.toNanos(), "not a fast answer: " + answer);
            if (answer.what().equals("count")) {
                assertTrue(answer.status() == 200 || answer.status() == 503 && answer.mediaType().equals("application/problem+json"),
                        "count answered " + answer);
                if (answer.count() != null) {
                    assertTrue(answer.count() > previous, "the counter went back: " + answer + " after " + previous);
                    previous = answer.count();
                }
            } else {
                assertTrue(answer.status() == 200 || answer.status() == 401, "verify answered " + answer);
            }
        }

        int newMaster = redis.currentMasterPort();
        assertNotEquals(oldMaster, newMaster, "the sentinels promoted the replica");
        // The session made before the failure: on the new master, and admitted (the instance's
        // cache of sessions was emptied when its subscription broke, so this read Redis).
        assertFalse(redis.cli(newMaster, "--scan", "--pattern", "gatehouse:session:*").isBlank());
        assertEquals(200, client.send(Request.get("/auth/verify").header("Cookie", cookie)).status());
        // Revocation messages flow again: the instance subscribed anew, on the new master.
        E2e.eventually(RECOVERY_LIMIT, () -> redis.cli(newMaster, "PUBSUB", "NUMPAT"), "1"::equals);
        assertEquals("UP", client.get("/q/health/ready").json().get("status").asText());
        assertEquals(204, client.send(Request.postJson("/auth/logout", Map.of()).header("Cookie", cookie)).status());
        assertEquals(401, client.send(Request.get("/auth/verify").header("Cookie", cookie)).status());
    }

    /** One counter increment and one check of the session; true when both succeeded. */
    private static boolean round(EdgeClient client, String token, String cookie, List<Answer> answers) {
        Answer count = timed("count", () -> client.send(Request.get("/api/count").bearer(token)));
        Answer verify = timed("verify", () -> client.send(Request.get("/auth/verify").header("Cookie", cookie)));
        answers.add(count);
        answers.add(verify);
        return count.status() == 200 && verify.status() == 200;
    }

    private static Answer timed(String what, java.util.function.Supplier<Reply> call) {
        long started = System.nanoTime();
        Reply reply = call.get();
        long took = System.nanoTime() - started;
        Long count = null;
        if (what.equals("count") && reply.status() == 200) {
            count = reply.json().get("visits").asLong();
        }
        return new Answer(what, started, took, reply.status(), reply.status() == 200 ? "" : reply.mediaType(), count);
    }

    private static List<Answer> tail(List<Answer> answers) {
        return answers.subList(Math.max(0, answers.size() - 6), answers.size());
    }
}
