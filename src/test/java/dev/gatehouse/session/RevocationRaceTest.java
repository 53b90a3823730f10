package dev.gatehouse.session;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;


import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A logout has no race with checks under way: once it has returned, no check that starts afterwards
 * is admitted, even while reads that began before it are still finishing and would cache the session.
 */
@QuarkusTest
@WithTestResource(RedisResource.class)
class RevocationRaceTest {

    @Test
    void noCheckStartedAfterTheLogoutReturnedIsAdmitted() throws Exception {
        for (int round = 0; round < 5; round++) {
            assertEquals(0, admittedAfterLogout(), "round " + round);
        }
    }

    private static int admittedAfterLogout() throws Exception {
        String cookie = TestUsers.session(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        AtomicLong loggedOutAt = new AtomicLong(Long.MAX_VALUE);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger late = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> checkers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            checkers.add(pool.submit(() -> {
                while (!stop.get()) {
                    long started = System.nanoTime();
                    int status = given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/verify").statusCode();
                    if (status == 200 && started > loggedOutAt.get()) {
                        late.incrementAndGet();
                    }
                }
            }));
        }
        Thread.sleep(150);
        given().cookie(TestUsers.SESSION_COOKIE, cookie).contentType("application/json").post("/auth/logout").then().statusCode(204);
        loggedOutAt.set(System.nanoTime());
        Thread.sleep(300);
        stop.set(true);
        for (Future<?> checker : checkers) {
            checker.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();
        return late.get();
    }
}
