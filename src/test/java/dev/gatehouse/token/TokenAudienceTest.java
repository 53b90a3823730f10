package dev.gatehouse.token;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestTokens;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(TokenAudienceTest.WithAudience.class)
@WithTestResource(RedisResource.class)
class TokenAudienceTest {

    static final String AUDIENCE = "https://api.example.org";

    public static class WithAudience implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.token.audience", AUDIENCE);
        }
    }

    @Inject
    KeyRing keys;

    @Test
    void tokensCarryTheConfiguredAudience() throws Exception {
        String token = TestUsers.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        JwtClaims claims = JwtClaims.parse(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1])));
        assertEquals(List.of(AUDIENCE), claims.getAudience());
        given().auth().oauth2(token).get("/api/count").then().statusCode(200);
    }

    @Test
    void tokensForAnotherAudienceOrNoneAreRefused() {
        JwtClaims other = TestTokens.validClaims(TestUsers.ADMIN);
        other.setAudience("https://elsewhere.example.org");
        given().auth().oauth2(TestTokens.sign(other, keys.current())).get("/api/count").then().statusCode(401);
        given().auth().oauth2(TestTokens.sign(TestTokens.validClaims(TestUsers.ADMIN), keys.current())).get("/api/count")
                .then().statusCode(401);
    }
}
