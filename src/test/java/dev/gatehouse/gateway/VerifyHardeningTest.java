package dev.gatehouse.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.gatehouse.platform.Digests;
import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestTokens;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.token.KeyRing;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RedisResource.class)
class VerifyHardeningTest {

    @Inject
    KeyRing keys;

    @Inject
    RedisDataSource redis;

    @Test
    void anExpiredTokenIsToldApartFromAMalformedOne() {
        Instant past = Instant.now().minusSeconds(120);
        String expired = TestTokens.sign(TestTokens.claims(TestUsers.ADMIN, List.of("admin"), past.minusSeconds(60), past),
                keys.current());
        given().auth().oauth2(expired).get("/auth/verify").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"gatehouse\", error=\"invalid_token\", "
                        + "error_description=\"The access token has expired\""));
        given().auth().oauth2(expired).get("/api/count").then().statusCode(401)
                .header("WWW-Authenticate", containsString("error_description=\"The access token has expired\""));
        given().auth().oauth2("not.a.token").get("/api/count").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"gatehouse\""));
    }

    @Test
    void aNameUnfitForAHeaderIsNeverWrittenAndVerifyStillAnswers() {
        String id = "n".repeat(43);
        redis.value(String.class).set("gatehouse:session:" + Digests.sha256Hex(id),
                "{\"v\":2,\"user\":\"evil\\nX-Injected: 1\",\"roles\":[\"admin\"],\"created\":1,\"expires\":"
                        + (Instant.now().getEpochSecond() + 600) + ",\"methods\":[\"password\"]}");
        given().cookie(TestUsers.SESSION_COOKIE, id).get("/auth/verify").then().statusCode(401)
                .header("Remote-User", nullValue()).header("X-Injected", nullValue());
    }

    @Test
    void twoSessionCookiesAreNoSession() {
        String mine = TestUsers.session(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        String planted = TestUsers.session(TestUsers.MOD, TestUsers.MOD_PASSWORD);
        given().header("Cookie", TestUsers.SESSION_COOKIE + "=" + planted + "; " + TestUsers.SESSION_COOKIE + "=" + mine)
                .get("/auth/verify").then().statusCode(401);
        given().header("Cookie", TestUsers.SESSION_COOKIE + "=" + planted).header("Cookie", TestUsers.SESSION_COOKIE + "=" + mine)
                .get("/auth/verify").then().statusCode(401);
        given().header("Cookie", "other=1; " + TestUsers.SESSION_COOKIE + "=" + mine).get("/auth/verify").then().statusCode(200);
    }

    @Test
    void encodedSlashesAndDotSegmentsAreRefusedWithAProblem() {
        for (String path : List.of("/q/health/group/..%2F..%2F..%2Fapi/count", "/api/%2e%2e/q/openapi", "/auth/./verify")) {
            given().urlEncodingEnabled(false).get(path).then().statusCode(400)
                    .contentType("application/problem+json");
        }
    }
}
