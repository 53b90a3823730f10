package dev.gatehouse.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.gatehouse.platform.RedisGateway;
import dev.gatehouse.problem.StoreUnavailableException;
import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The Prometheus meters, read where an operator's scraper reads them: {@code /q/metrics} on the
 * management interface. Each test reads a meter, acts through the public endpoints, and reads again.
 */
@QuarkusTest
@TestProfile(MetricsTest.BanAfterThree.class)
@WithTestResource(RedisResource.class)
class MetricsTest {

    /** Low limits, so that a ban is three requests away; other tests' addresses never reach them. */
    public static class BanAfterThree implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.regulation.ip-max-failures", "3", "gatehouse.regulation.user-ip-max-failures", "3");
        }
    }

    private static final AtomicInteger ADDRESSES = new AtomicInteger(10);

    /** Relative to the management root, /q. */
    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @TestHTTPResource(value = "health/ready", management = true)
    URL readiness;

    @Inject
    RedisGateway redis;

    @Test
    void metricsAreServedOnTheManagementInterfaceOnly() {
        String text = scrape();
        assertTrue(text.contains("# TYPE gatehouse_verify_seconds histogram"), text);
        assertEquals("127.0.0.1", metrics.getHost());
        assertEquals("/q/metrics", metrics.getPath());
        given().get("/q/metrics").then().statusCode(404);
    }

    @Test
    void readinessIsBesideTheMetricsAndOnTheMainListener() {
        given().get(readiness.toString()).then().statusCode(200).contentType(ContentType.JSON)
                .body("status", org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem("Redis master"));
        given().get(readiness.toString().replace("/ready", "/live")).then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("UP"));
    }

    @Test
    void aPasswordLoginCountsItsResult() {
        double success = value("gatehouse_logins_total", "method=\"password\",result=\"success\"");
        double failure = value("gatehouse_logins_total", "method=\"password\",result=\"failure\"");
        String address = nextAddress();

        login(TestUsers.MOD, TestUsers.MOD_PASSWORD, address, 200);
        login(TestUsers.MOD, "not-the-password", address, 401);

        assertEquals(success + 1, value("gatehouse_logins_total", "method=\"password\",result=\"success\""));
        assertEquals(failure + 1, value("gatehouse_logins_total", "method=\"password\",result=\"failure\""));
    }

    @Test
    void aBrowserSignInCountsASession() {
        double created = value("gatehouse_sessions_created_total", "");

        TestUsers.session(TestUsers.MOD, TestUsers.MOD_PASSWORD);

        assertEquals(created + 1, value("gatehouse_sessions_created_total", ""));
    }

    @Test
    void everyVerifyAnswerCountsItsDecisionAndItsTime() {
        double allow = value("gatehouse_verify_total", "decision=\"allow\"");
        double unauthenticated = value("gatehouse_verify_total", "decision=\"unauthenticated\"");
        double forbidden = value("gatehouse_verify_total", "decision=\"forbidden\"");
        double timed = value("gatehouse_verify_seconds_count", "");

        given().auth().oauth2(TestUsers.login(TestUsers.MOD, TestUsers.MOD_PASSWORD)).get("/auth/verify").then().statusCode(200);
        given().get("/auth/verify").then().statusCode(401);
        given().auth().oauth2(TestUsers.login(TestUsers.USER, TestUsers.USER_PASSWORD)).get("/auth/verify").then()
                .statusCode(403);

        assertEquals(allow + 1, value("gatehouse_verify_total", "decision=\"allow\""));
        assertEquals(unauthenticated + 1, value("gatehouse_verify_total", "decision=\"unauthenticated\""));
        assertEquals(forbidden + 1, value("gatehouse_verify_total", "decision=\"forbidden\""));
        assertEquals(timed + 3, value("gatehouse_verify_seconds_count", ""));
        assertEquals(timed + 3, value("gatehouse_verify_seconds_bucket", "le=\"+Inf\""));
    }

    @Test
    void aBanCountsOncePerScopeAndTheRefusalsAfterItCountAsBanned() {
        double ipBans = value("gatehouse_regulation_bans_total", "scope=\"ip\"");
        double pairBans = value("gatehouse_regulation_bans_total", "scope=\"user_ip\"");
        double banned = value("gatehouse_logins_total", "method=\"password\",result=\"banned\"");
        String address = nextAddress();

        for (int i = 0; i < 3; i++) {
            login(TestUsers.USER, "guess-" + i, address, 401);
        }
        login(TestUsers.USER, TestUsers.USER_PASSWORD, address, 401);
        login(TestUsers.USER, TestUsers.USER_PASSWORD, address, 401);

        assertEquals(ipBans + 1, value("gatehouse_regulation_bans_total", "scope=\"ip\""));
        assertEquals(pairBans + 1, value("gatehouse_regulation_bans_total", "scope=\"user_ip\""));
        assertEquals(banned + 2, value("gatehouse_logins_total", "method=\"password\",result=\"banned\""));
    }

    @Test
    void aFailedRedisCallCountsAsARedisError() {
        double errors = value("gatehouse_redis_errors_total", "");

        assertThrows(StoreUnavailableException.class, () -> redis.call(ds -> {
            throw new IllegalStateException("connection reset");
        }));

        assertEquals(errors + 1, value("gatehouse_redis_errors_total", ""));
    }

    @Test
    void labelsNameNoUserAndNoAddress() {
        String address = nextAddress();
        login(TestUsers.EMAIL_USER, "wrong-" + address, address, 401);

        String text = scrape();
        for (String secret : new String[] { TestUsers.EMAIL_USER, TestUsers.USER, TestUsers.MOD, address }) {
            assertFalse(text.contains(secret), secret + " appears in the metrics");
        }
    }

    @Test
    void theMailOutboxDepthIsExported() {
        assertTrue(Pattern.compile("(?m)^gatehouse_mail_outbox_depth \\d").matcher(scrape()).find());
    }

    @Test
    void thePasswordSignInSeriesExistBeforeAnySignIn() {
        assertTrue(scrape().contains("gatehouse_logins_total{method=\"password\",result=\"banned\"}"));
    }

    @Test
    void theShippedDashboardAsksOnlyForMetersTheAppExports() throws IOException {
        // Some stores are made on first use: one browser sign-in makes every one of them.
        TestUsers.session(TestUsers.MOD, TestUsers.MOD_PASSWORD);
        String dashboard = Files.readString(Path.of("deploy", "grafana", "gatehouse.json"));
        Set<String> asked = new TreeSet<>();
        Pattern.compile("gatehouse_[a-z_]+").matcher(dashboard).results().forEach(name -> asked.add(name.group()));
        String text = scrape();

        assertFalse(asked.isEmpty());
        for (String name : asked) {
            assertTrue(Pattern.compile("(?m)^" + name + "[{ ]").matcher(text).find(), name + " is not exported");
        }
    }

    private static void login(String username, String password, String address, int status) {
        given().contentType(ContentType.JSON).header("X-Forwarded-For", address).body(TestUsers.json(username, password))
                .post("/auth/login").then().statusCode(status);
    }

    private static String nextAddress() {
        return "198.51.100." + ADDRESSES.incrementAndGet();
    }

    private String scrape() {
        return given().get(metrics).then().statusCode(200).extract().asString();
    }

    /** The sample {@code name{labels}} (or {@code name} alone), 0 when the series does not exist yet. */
    private double value(String name, String labels) {
        String series = labels.isEmpty() ? Pattern.quote(name) : Pattern.quote(name + "{" + labels + "}");
        Matcher sample = Pattern.compile("(?m)^" + series + " (\\S+)").matcher(scrape());
        return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
    }
}
