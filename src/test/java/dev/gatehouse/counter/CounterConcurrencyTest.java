package dev.gatehouse.counter;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RedisResource.class)
class CounterConcurrencyTest {

    @Test
    void twoHundredConcurrentIncrementsRaiseTheCounterByExactlyTwoHundred() throws Exception {
        String token = TestUsers.login(TestUsers.USER, TestUsers.USER_PASSWORD);
        int before = count(token);
        List<Integer> seen = concurrentCounts(token, 200);
        assertEquals(before + 201, count(token));
        assertEquals(200, new HashSet<>(seen).size(), "every request saw its own total");
        assertEquals(before + 1, Collections.min(seen));
        assertEquals(before + 200, Collections.max(seen));
    }

    private static List<Integer> concurrentCounts(String token, int requests) throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            calls.add(() -> count(token));
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Integer> totals = new ArrayList<>();
            for (Future<Integer> total : pool.invokeAll(calls)) {
                totals.add(total.get());
            }
            return totals;
        } finally {
            pool.shutdown();
        }
    }

    private static int count(String token) {
        return given().auth().oauth2(token).get("/api/count").then().statusCode(200).extract().path("visits");
    }
}
