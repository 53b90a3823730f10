package dev.gatehouse.support;

import java.security.Key;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import dev.gatehouse.token.SigningKey;

/** Mints tokens in the test, good or deliberately broken. */
public final class TestTokens {

    private TestTokens() {
    }

    public static JwtClaims claims(String subject, List<String> groups, Instant issuedAt, Instant expiresAt) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("gatehouse");
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setStringListClaim("groups", groups);
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        claims.setJwtId("test-" + System.nanoTime());
        return claims;
    }

    public static JwtClaims validClaims(String subject) {
        Instant now = Instant.now();
        return claims(subject, List.of("admin"), now, now.plusSeconds(300));
    }

    public static String sign(JwtClaims claims, SigningKey key) {
        return sign(claims, key.privateKey(), AlgorithmIdentifiers.RSA_USING_SHA256, jws -> jws.setKeyIdHeaderValue(key.kid()));
    }

    public static String sign(JwtClaims claims, Key key, String algorithm, Consumer<JsonWebSignature> headers) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(algorithm);
        headers.accept(jws);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
