package dev.gatehouse.counter;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import jakarta.inject.Inject;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestTokens;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.Wait;
import dev.gatehouse.token.KeyRing;
import dev.gatehouse.token.SigningKey;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(RedisResource.class)
class CountRequiresValidTokenTest {

    @Inject
    KeyRing keys;

    @Test
    void countsWithTokenFromLogin() {
        String token = TestUsers.login(TestUsers.USER, TestUsers.USER_PASSWORD);
        given().auth().oauth2(token).get("/api/count").then().statusCode(200)
                .contentType("application/json").body("visits", greaterThan(0));
    }

    @Test
    void acceptsTokenMintedWithCurrentKey() {
        given().auth().oauth2(TestTokens.sign(TestTokens.validClaims(TestUsers.ADMIN), keys.current()))
                .get("/api/count").then().statusCode(200);
    }

    @Test
    void rejectsMissingToken() {
        assertRejected(given().get("/api/count").then());
    }

    @Test
    void rejectsMalformedToken() {
        assertRejected(given().header("Authorization", "Bearer not.a.jwt").get("/api/count").then());
    }

    @Test
    void rejectsNonBearerScheme() {
        assertRejected(given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/count").then());
    }

    @Test
    void rejectsExpiredToken() {
        Instant past = Instant.now().minusSeconds(120);
        JwtClaims claims = TestTokens.claims("late", List.of("admin"), past.minusSeconds(60), past);
        assertRejected(withToken(TestTokens.sign(claims, keys.current())));
    }

    @Test
    void rejectsTokenExpiredOneSecondAgo() {
        Instant now = Instant.now();
        JwtClaims claims = TestTokens.claims("late", List.of("admin"), now.minusSeconds(60), now.minusSeconds(1));
        assertRejected(withToken(TestTokens.sign(claims, keys.current())));
    }

    @Test
    void rejectsARememberedTokenOnceItExpires() {
        Instant now = Instant.now();
        JwtClaims claims = TestTokens.claims(TestUsers.ADMIN, List.of("admin"), now, now.plusSeconds(2));
        String token = TestTokens.sign(claims, keys.current());
        withToken(token).statusCode(200);
        withToken(token).statusCode(200);
        Wait.until(Duration.ofSeconds(5), () -> Instant.now().isAfter(now.plusSeconds(2)));
        assertRejected(withToken(token));
    }

    @Test
    void rejectsTamperedToken() {
        String token = TestTokens.sign(TestTokens.validClaims(TestUsers.ADMIN), keys.current());
        String[] parts = token.split("\\.");
        String forged = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(TestUsers.ADMIN, TestUsers.MOD);
        String tampered = parts[0] + "." + b64(forged) + "." + parts[2];
        assertRejected(withToken(tampered));
    }

    @Test
    void rejectsAlgNone() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + keys.current().kid() + "\"}");
        String unsigned = header + "." + b64(TestTokens.validClaims("nobody").toJson()) + ".";
        assertRejected(withToken(unsigned));
    }

    @Test
    void rejectsHs256KeyedWithThePublicKey() {
        SigningKey current = keys.current();
        HmacKey publicKeyAsSecret = new HmacKey(current.publicKey().getEncoded());
        String token = TestTokens.sign(TestTokens.validClaims("attacker"), publicKeyAsSecret,
                AlgorithmIdentifiers.HMAC_SHA256, jws -> {
                    jws.setKeyIdHeaderValue(current.kid());
                    jws.setDoKeyValidation(false);
                });
        assertRejected(withToken(token));
    }

    @Test
    void rejectsUnknownKid() {
        SigningKey stranger = SigningKey.generate(new SecureRandom());
        assertRejected(withToken(TestTokens.sign(TestTokens.validClaims("stranger"), stranger)));
    }

    @Test
    void rejectsTokenWithoutKid() {
        String token = TestTokens.sign(TestTokens.validClaims("anonymous"), keys.current().privateKey(),
                AlgorithmIdentifiers.RSA_USING_SHA256, jws -> { });
        assertRejected(withToken(token));
    }

    @Test
    void rejectsForeignIssuer() {
        JwtClaims claims = TestTokens.validClaims("elsewhere");
        claims.setIssuer("someone-else");
        assertRejected(withToken(TestTokens.sign(claims, keys.current())));
    }

    private static ValidatableResponse withToken(String token) {
        return given().header("Authorization", "Bearer " + token).get("/api/count").then();
    }

    private static void assertRejected(ValidatableResponse response) {
        response.statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"));
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
