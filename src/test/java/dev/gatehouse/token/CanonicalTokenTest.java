package dev.gatehouse.token;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** One token, one spelling: the variants lenient base64 decoders accept are refused, so none can churn the caches. */
@QuarkusTest
@WithTestResource(RedisResource.class)
class CanonicalTokenTest {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    @Test
    void paddingBitVariantsOfAGoodSignatureAreRefused() {
        String token = TestUsers.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        given().auth().oauth2(token).get("/api/count").then().statusCode(200);
        // A 2048-bit signature is 342 characters: its last one carries 4 unused bits.
        char last = token.charAt(token.length() - 1);
        int value = ALPHABET.indexOf(last);
        for (int bits = 1; bits < 16; bits++) {
            String variant = token.substring(0, token.length() - 1) + ALPHABET.charAt(value ^ bits);
            given().auth().oauth2(variant).get("/api/count").then().statusCode(401);
        }
    }

    @Test
    void strayCharactersPaddingAndOversizedTokensAreRefused() {
        String token = TestUsers.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        int cut = token.length() - 10;
        for (String stray : new String[] { "!", "*", "~", "%", "=" }) {
            given().auth().oauth2(token.substring(0, cut) + stray + token.substring(cut)).get("/api/count").then().statusCode(401);
        }
        given().auth().oauth2(token + "=").get("/api/count").then().statusCode(401);
        given().auth().oauth2(token + "A".repeat(5000)).get("/auth/verify").then().statusCode(401);
    }
}
