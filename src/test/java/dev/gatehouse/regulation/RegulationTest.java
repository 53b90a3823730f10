package dev.gatehouse.regulation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.Wait;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

@QuarkusTest
@TestProfile(RegulationTest.RealLimits.class)
@WithTestResource(RedisResource.class)
class RegulationTest {

    /** The shipped limits, with bans shortened so that their end can be watched. */
    public static class RealLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "gatehouse.regulation.ip-max-failures", "5",
                    "gatehouse.regulation.user-ip-max-failures", "5",
                    "gatehouse.regulation.user-max-failures", "50",
                    "gatehouse.regulation.ip-ban-time", "4s",
                    "gatehouse.regulation.user-ip-ban-time", "4s",
                    "gatehouse.regulation.user-ban-time", "4s");
        }
    }

    private static final AtomicInteger ADDRESSES = new AtomicInteger(10);

    @Test
    void bansAfterFiveFailures() {
        String ip = nextAddress();
        for (int i = 0; i < 5; i++) {
            attempt(TestUsers.USER, "wrong", ip).then().statusCode(401).header("Retry-After", nullValue());
        }
        Response banned = attempt(TestUsers.USER, TestUsers.USER_PASSWORD, ip);
        assertEquals(401, banned.statusCode(), "even the right password is refused while banned");
        int retryAfter = Integer.parseInt(banned.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 4, "Retry-After " + retryAfter);
    }

    @Test
    void bannedAnswerLooksLikeAWrongPassword() {
        String ip = nextAddress();
        String wrong = null;
        for (int i = 0; i < 5; i++) {
            wrong = attempt(TestUsers.MOD, "wrong", ip).asString();
        }
        assertEquals(wrong, attempt(TestUsers.MOD, TestUsers.MOD_PASSWORD, ip).asString());
    }

    @Test
    void parallelBurstIsCutAtExactlyTheLimit() throws Exception {
        String ip = nextAddress();
        List<Callable<Response>> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            burst.add(() -> attempt("burst-target", "guess", ip));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        int checked = 0;
        try {
            for (Future<Response> response : pool.invokeAll(burst)) {
                assertEquals(401, response.get().statusCode());
                checked += response.get().header("Retry-After") == null ? 1 : 0;
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(5, checked, "passwords checked in the burst");
        assertEquals("banned", retryAfterOf(attempt("burst-target", "guess", ip)));
    }

    @Test
    void banExpires() {
        String ip = nextAddress();
        for (int i = 0; i < 5; i++) {
            attempt(TestUsers.ADMIN, "wrong", ip);
        }
        attempt(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD, ip).then().statusCode(401);
        Wait.until(Duration.ofSeconds(10), () -> attempt(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD, ip).statusCode() == 200);
    }

    @Test
    void ownerLogsInFromAnotherAddressWhileTheAttackerIsBanned() {
        String attacker = nextAddress();
        for (int i = 0; i < 6; i++) {
            attempt(TestUsers.EMAIL_USER, "guess-" + i, attacker);
        }
        assertEquals("banned", retryAfterOf(attempt(TestUsers.EMAIL_USER, TestUsers.EMAIL_USER_PASSWORD, attacker)));
        attempt(TestUsers.EMAIL_USER, TestUsers.EMAIL_USER_PASSWORD, nextAddress()).then().statusCode(200);
    }

    @Test
    void browserLoginIsRegulatedToo() {
        String ip = nextAddress();
        for (int i = 0; i < 5; i++) {
            given().header("X-Forwarded-For", ip).contentType("application/json")
                    .body(TestUsers.json(TestUsers.USER, "wrong")).post("/auth/session").then().statusCode(401);
        }
        assertEquals("banned", retryAfterOf(attempt(TestUsers.USER, TestUsers.USER_PASSWORD, ip)));
    }

    @Test
    void guessingSpreadOverManyAddressesBansTheUserEverywhere() throws Exception {
        List<Callable<Integer>> guesses = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String ip = nextAddress();
            guesses.add(() -> attempt("spread-target", "guess", ip).statusCode());
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            pool.invokeAll(guesses);
        } finally {
            pool.shutdown();
        }
        assertEquals("banned", retryAfterOf(attempt("spread-target", "guess", nextAddress())));
    }

    @Test
    void aUserBanDoesNotLockTheOwnerOutOfAFamiliarAddress() throws Exception {
        String home = nextAddress();
        assertEquals(200, attempt(TestUsers.EMAIL_USER, TestUsers.EMAIL_USER_PASSWORD, home).statusCode());
        List<Callable<Integer>> guesses = new ArrayList<>();
        for (int address = 0; address < 12; address++) {
            String ip = nextAddress();
            for (int i = 0; i < 5; i++) {
                guesses.add(() -> attempt(TestUsers.EMAIL_USER, "wrong guess", ip).statusCode());
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            pool.invokeAll(guesses);
        } finally {
            pool.shutdown();
        }
        assertEquals("banned", retryAfterOf(attempt(TestUsers.EMAIL_USER, TestUsers.EMAIL_USER_PASSWORD, nextAddress())),
                "a new address is refused");
        assertEquals(200, attempt(TestUsers.EMAIL_USER, TestUsers.EMAIL_USER_PASSWORD, home).statusCode(),
                "the address the owner signed in from before still works");
    }

    @Test
    void aUserBanDoesNotLockTheOwnerOutOfAFamiliarBrowserOnANewAddress() throws Exception {
        Response signedIn = given().header("X-Forwarded-For", nextAddress()).contentType("application/json")
                .body(TestUsers.json(TestUsers.MOD, TestUsers.MOD_PASSWORD)).post("/auth/session");
        assertEquals(200, signedIn.statusCode());
        String device = signedIn.getCookie("__Host-gatehouse_device");
        List<Callable<Integer>> guesses = new ArrayList<>();
        for (int address = 0; address < 12; address++) {
            String ip = nextAddress();
            for (int i = 0; i < 5; i++) {
                guesses.add(() -> attempt(TestUsers.MOD, "wrong guess", ip).statusCode());
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            pool.invokeAll(guesses);
        } finally {
            pool.shutdown();
        }
        String travelling = nextAddress();
        assertEquals(200, given().header("X-Forwarded-For", travelling).cookie("__Host-gatehouse_device", device)
                .contentType("application/json").body(TestUsers.json(TestUsers.MOD, TestUsers.MOD_PASSWORD))
                .post("/auth/session").statusCode(), "the owner's browser, from a new address");
        assertEquals("banned", retryAfterOf(attempt(TestUsers.MOD, TestUsers.MOD_PASSWORD, nextAddress())),
                "a new address without that browser is still refused");
    }

    @Test
    void ipv6ClientsAreCountedPerSlash64() {
        for (int i = 1; i <= 5; i++) {
            attempt(TestUsers.USER, "wrong guess", "2001:db8:0:7::" + Integer.toHexString(i));
        }
        assertEquals("banned", retryAfterOf(attempt("v6-target", "wrong guess", "2001:db8:0:7:ffff::1")),
                "another address of the same /64 is the same client");
        assertEquals("not banned", retryAfterOf(attempt("v6-target", "wrong guess", "2001:db8:0:8::1")));
    }

    private static String retryAfterOf(Response response) {
        assertEquals(401, response.statusCode());
        return response.header("Retry-After") == null ? "not banned" : "banned";
    }

    private static Response attempt(String username, String password, String ip) {
        return given().header("X-Forwarded-For", ip).contentType("application/json")
                .body(TestUsers.json(username, password)).post("/auth/login");
    }

    private static String nextAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }
}
