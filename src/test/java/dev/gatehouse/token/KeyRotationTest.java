package dev.gatehouse.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestTokens;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(KeyRotationTest.WithPreviousKey.class)
@WithTestResource(RedisResource.class)
class KeyRotationTest {

    /** A previous key on disk, as an operator leaves it after a rotation. */
    public static class WithPreviousKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path file = Files.createTempDirectory("gatehouse-rotation").resolve("previous.pem");
                Files.writeString(file, SigningKey.generate(new SecureRandom()).toPem());
                return Map.of("gatehouse.token.previous-key-file", file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    KeyRing keys;

    @Test
    void tokenSignedByThePreviousKeyStillVerifies() {
        given().auth().oauth2(TestTokens.sign(TestTokens.validClaims(TestUsers.ADMIN), previous()))
                .get("/api/count").then().statusCode(200);
    }

    @Test
    void jwksListsCurrentAndPreviousKeys() {
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys.kid", containsInAnyOrder(keys.current().kid(), previous().kid()));
    }

    @Test
    void newTokensAreSignedWithTheCurrentKey() {
        String token = TestUsers.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        String header = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        assertEquals(true, header.contains(keys.current().kid()));
    }

    private SigningKey previous() {
        return keys.verificationKeys().stream().filter(key -> !key.kid().equals(keys.current().kid()))
                .findFirst().orElseThrow();
    }
}
