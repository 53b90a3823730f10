package dev.gatehouse.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RedisResource.class)
class JwksTest {

    @Inject
    KeyRing keys;

    @ConfigProperty(name = "gatehouse.state.dir")
    Path stateDir;

    @Test
    void publishesTheCurrentPublicKeyOnly() {
        given().get("/.well-known/jwks.json").then().statusCode(200).contentType("application/json")
                .body("keys.kid", hasItem(keys.current().kid()))
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].use", equalTo("sig"))
                .body("keys[0].d", nullValue())
                .body("keys[0].p", nullValue());
    }

    @Test
    void generatedSigningKeyIsPrivateToTheOwner() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir.resolve("signing-key.pem"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir)));
    }
}
