package dev.gatehouse.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Brute-force regulation of the browser login, through nginx: nginx reports the client's address in
 * X-Forwarded-For and Gatehouse counts failures per address and per (user, address) in Redis.
 * Loopback has many addresses; each test attacks from its own, so no test's ban decides another's
 * outcome on the shared stack. Bans there last the default five minutes, longer than the class runs.
 */
class GatewayRegulationIT {

    private static final int MAX_FAILURES = 5;
    private static final String WRONG_PASSWORD = "not-the-password";
    private static final Duration SHORT_BAN = Duration.ofSeconds(4);

    private static Stack stack;

    @BeforeAll
    static void startStack() {
        stack = Stack.start("GatewayRegulationIT");
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void bansAddressAfterFiveFailuresEvenForRightPassword() {
        EdgeClient attacker = stack.client().from("127.0.0.1");
        Reply wrong = failTimes(attacker, Stack.ADMIN, MAX_FAILURES);

        Reply banned = attacker.send(login(Stack.ADMIN, Stack.ADMIN_PASSWORD));

        assertEquals(401, banned.status(), banned::toString);
        assertRetryAfterWithin(Duration.ofMinutes(5), banned);
        // Nothing but Retry-After tells a ban from a wrong password.
        assertEquals(wrong.json(), banned.json());
    }

    @Test
    void checksExactlyFivePasswordsOfParallelBurstAndBansTheRest() throws Exception {
        EdgeClient attacker = stack.client().from("127.0.0.3");

        List<Reply> replies = inParallel(20, () -> attacker.send(login(Stack.MOD, WRONG_PASSWORD)));

        assertEquals(List.of(401), replies.stream().map(Reply::status).distinct().toList(), replies::toString);
        // Answers without Retry-After are the ones whose password was checked.
        long checked = replies.stream().filter(reply -> reply.header("retry-after").isEmpty()).count();
        assertEquals(MAX_FAILURES, checked, () -> "checked passwords; replies: " + replies);
        Reply afterwards = attacker.send(login(Stack.MOD, Stack.MOD_PASSWORD));
        assertEquals(401, afterwards.status(), afterwards::toString);
        assertRetryAfterWithin(Duration.ofMinutes(5), afterwards);
    }

    @Test
    void ownerLogsInFromOtherAddressWhileAttackerIsBanned() {
        EdgeClient attacker = stack.client().from("127.0.0.4");
        failTimes(attacker, Stack.USER, MAX_FAILURES);
        assertRetryAfterWithin(Duration.ofMinutes(5), attacker.send(login(Stack.USER, Stack.USER_PASSWORD)));

        Reply owner = stack.client().from("127.0.0.2").send(login(Stack.USER, Stack.USER_PASSWORD));

        // One banned address must not lock the owner out of the account.
        assertEquals(200, owner.status(), owner::toString);
    }

    @Test
    void banExpiresAndOwnerThenLogsIn() {
        try (Stack shortBans = Stack.builder("GatewayRegulationIT-short-bans")
                .app(app -> app.env("GATEHOUSE_REGULATION_IP_BAN_TIME", "4s")
                        .env("GATEHOUSE_REGULATION_USER_IP_BAN_TIME", "4s"))
                .start()) {
            EdgeClient client = shortBans.client().from("127.0.0.1");
            failTimes(client, Stack.ADMIN, MAX_FAILURES);
            assertRetryAfterWithin(SHORT_BAN, client.send(login(Stack.ADMIN, Stack.ADMIN_PASSWORD)));

            // Banned attempts count for nothing, so asking again until the ban is over is harmless.
            Reply reply = E2e.eventually(Duration.ofSeconds(30), () -> client.send(login(Stack.ADMIN, Stack.ADMIN_PASSWORD)),
                    attempt -> attempt.status() != 401);

            assertEquals(200, reply.status(), reply::toString);
        }
    }

    private static Request login(String username, String password) {
        return Request.postJson("/auth/session", Map.of("username", username, "password", password));
    }

    /** Fails {@code times} logins in a row, each answered as a checked wrong password; returns the last answer. */
    private static Reply failTimes(EdgeClient client, String username, int times) {
        Reply reply = null;
        for (int i = 1; i <= times; i++) {
            reply = client.send(login(username, WRONG_PASSWORD));
            assertEquals(401, reply.status(), reply::toString);
            assertTrue(reply.header("retry-after").isEmpty(), "failure " + i + " must not be banned yet: " + reply);
        }
        return reply;
    }

    private static void assertRetryAfterWithin(Duration ban, Reply reply) {
        assertEquals(401, reply.status(), reply::toString);
        String retryAfter = reply.header("retry-after").orElseThrow(() -> new AssertionError("no Retry-After: " + reply));
        long seconds = Long.parseLong(retryAfter);
        assertTrue(seconds >= 1 && seconds <= ban.toSeconds(), "Retry-After " + seconds + " within " + ban);
    }

    /** Runs {@code count} copies of {@code call} released at the same moment and returns their results. */
    private static <T> List<T> inParallel(int count, Callable<T> call) throws InterruptedException, ExecutionException {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("A parallel call did not finish within 60s", e);
        } finally {
            threads.shutdownNow();
        }
    }
}
