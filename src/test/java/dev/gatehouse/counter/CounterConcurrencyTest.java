package dev.gatehouse.counter;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
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
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(() -> given().auth().oauth2(token).get("/api/count").statusCode());
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertEquals(200, status.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(before + 201, count(token));
    }

    private static int count(String token) {
        return given().auth().oauth2(token).get("/api/count").then().statusCode(200).extract().path("visits");
    }
}
