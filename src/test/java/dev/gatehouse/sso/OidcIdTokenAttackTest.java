package dev.gatehouse.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import dev.gatehouse.support.AuditCapture;
import dev.gatehouse.support.FakeOidcIssuer;
import dev.gatehouse.support.MintedOidcResource;
import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * ID tokens minted by the test against keys it serves: each check of the token (signature and
 * algorithm, {@code iss}, {@code aud}, {@code azp}, {@code exp}, {@code iat}) stops a sign-in on a
 * 401 page with an {@code SSO_LOGIN_FAILED} line naming it; a rotated key is fetched once and accepted.
 */
@QuarkusTest
@WithTestResource(RedisResource.class)
@WithTestResource(MintedOidcResource.class)
class OidcIdTokenAttackTest {

    private AuditCapture audit;

    @BeforeEach
    void listen() {
        audit = new AuditCapture().start();
    }

    @AfterEach
    void stopListening() {
        audit.stop();
    }

    private static FakeOidcIssuer issuer() {
        return MintedOidcResource.issuer();
    }

    /** A token as it should be for this sign-in's nonce, for {@code subject}. */
    private static JWTClaimsSet.Builder honest(String subject, String nonce) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer().issuer()).subject(subject).audience(MintedOidcResource.CLIENT_ID)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).claim("nonce", nonce);
    }

    /** A sign-in whose token endpoint hands out what {@code mint} makes of this sign-in's nonce. */
    private static Response signInWith(java.util.function.Function<String, String> mint) {
        SsoFlow.Started started = SsoFlow.start("minted", "/");
        issuer().nextIdToken(mint.apply(SsoFlow.queryParam(started.providerUrl(), "nonce")));
        return SsoFlow.callback(SsoFlow.atProvider(started), started.preLoginCookie());
    }

    private static Response signInWithSigned(UnaryOperator<JWTClaimsSet.Builder> tamper) {
        return signInWith(nonce -> issuer().sign(tamper.apply(honest("sub-" + UUID.randomUUID(), nonce)).build()));
    }

    private void assertRefused(Response answer, String reason) {
        assertEquals(401, answer.statusCode(), answer.asString());
        assertTrue(answer.contentType().startsWith("text/html"), answer.contentType());
        assertNull(answer.cookie(TestUsers.SESSION_COOKIE));
        assertTrue(audit.has("SSO_LOGIN_FAILED", "\"provider\":\"minted\"", "\"reason\":\"" + reason + "\""), audit.lines().toString());
    }

    @Test
    void anHonestTokenSignsIn() {
        String sub = "sub-" + UUID.randomUUID();
        Response answer = signInWith(nonce -> issuer().sign(honest(sub, nonce).build()));
        assertEquals(302, answer.statusCode(), answer.asString());
        assertTrue(audit.has("SSO_LOGIN_SUCCESS", "\"user\":\"minted:" + sub + "\""));
    }

    @Test
    void attackIdTokenWithForeignAzpIsRefused() {
        assertRefused(signInWithSigned(claims -> claims.audience(List.of(MintedOidcResource.CLIENT_ID, "other-client"))
                .claim("azp", "other-client")), "id_token_wrong_azp");
    }

    @Test
    void attackIdTokenForSeveralAudiencesWithoutAzpIsRefused() {
        assertRefused(signInWithSigned(claims -> claims.audience(List.of(MintedOidcResource.CLIENT_ID, "other-client"))),
                "id_token_wrong_azp");
    }

    @Test
    void anAzpNamingUsSignsIn() {
        Response answer = signInWithSigned(claims -> claims.audience(List.of(MintedOidcResource.CLIENT_ID, "api"))
                .claim("azp", MintedOidcResource.CLIENT_ID));
        assertEquals(302, answer.statusCode(), answer.asString());
    }

    @Test
    void attackExpiredIdTokenIsRefused() {
        Instant now = Instant.now();
        assertRefused(signInWithSigned(claims -> claims.issueTime(Date.from(now.minusSeconds(7200)))
                .expirationTime(Date.from(now.minusSeconds(3600)))), "id_token_expired");
    }

    @Test
    void attackIdTokenIssuedFarInTheFutureIsRefused() {
        Instant now = Instant.now();
        assertRefused(signInWithSigned(claims -> claims.issueTime(Date.from(now.plusSeconds(3600)))
                .expirationTime(Date.from(now.plusSeconds(7200)))), "id_token_issued_in_future");
    }

    @Test
    void attackIdTokenFromAnotherIssuerIsRefused() {
        assertRefused(signInWithSigned(claims -> claims.issuer("https://evil.example")), "id_token_wrong_issuer");
    }

    @Test
    void attackIdTokenForAnotherClientIsRefused() {
        assertRefused(signInWithSigned(claims -> claims.audience("other-client")), "id_token_wrong_audience");
    }

    @Test
    void attackUnsignedIdTokenIsRefused() {
        assertRefused(signInWith(nonce -> new PlainJWT(honest("sub-" + UUID.randomUUID(), nonce).build()).serialize()),
                "id_token_unsigned");
    }

    @Test
    void attackIdTokenSignedWithTheClientSecretIsRefused() {
        assertRefused(signInWith(nonce -> {
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), honest("sub-" + UUID.randomUUID(), nonce).build());
                jwt.sign(new MACSigner(MintedOidcResource.CLIENT_SECRET));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }), "id_token_bad_signature");
    }

    @Test
    void attackIdTokenSignedByAnotherKeyWithAKnownKidIsRefused() {
        RSAKey impostor = new RSAKey.Builder(FakeOidcIssuer.newKey()).keyID(issuer().keyId()).build();
        assertRefused(signInWith(nonce -> FakeOidcIssuer.sign(honest("sub-" + UUID.randomUUID(), nonce).build(), impostor)),
                "id_token_bad_signature");
    }

    @Test
    void unknownKidTriggersOneKeyRefetchAndTheRotatedKeyIsAccepted() {
        // The key set is read (once) and cached.
        assertEquals(302, signInWithSigned(claims -> claims).statusCode());
        int readsBefore = issuer().keyReads();
        issuer().rotateKey();
        Response rotated = signInWithSigned(claims -> claims);
        assertEquals(302, rotated.statusCode(), rotated.asString());
        assertEquals(readsBefore + 1, issuer().keyReads());
        // The new key is cached now: no further read.
        assertEquals(302, signInWithSigned(claims -> claims).statusCode());
        assertEquals(readsBefore + 1, issuer().keyReads());
    }
}
