package dev.gatehouse.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.user.Role;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A flood of distinct tokens cannot grow the memory of verified tokens past its bound. */
@QuarkusTest
@TestProfile(TokenCacheBoundTest.SmallCache.class)
@WithTestResource(RedisResource.class)
class TokenCacheBoundTest {

    public static class SmallCache implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.token.verified-cache-size", "50");
        }
    }

    @Inject
    TokenIssuer issuer;

    @Inject
    TokenVerifier verifier;

    @Test
    void manyDistinctGenuineTokensStayWithinTheBound() throws InvalidTokenException {
        for (int i = 0; i < 500; i++) {
            verifier.verify(issuer.issue(TestUsers.ADMIN, Set.of(Role.ADMIN)).token());
        }
        assertTrue(verifier.rememberedTokens() <= 50, "remembered " + verifier.rememberedTokens());
    }

    @Test
    void forgedVariantsAreNeverRemembered() throws InvalidTokenException {
        String token = issuer.issue(TestUsers.ADMIN, Set.of(Role.ADMIN)).token();
        verifier.verify(token);
        long before = verifier.rememberedTokens();
        for (int i = 0; i < 200; i++) {
            String forged = token.substring(0, token.length() - 8) + String.format("%08d", i).replace('0', 'A');
            assertThrows(InvalidTokenException.class, () -> verifier.verify(forged));
        }
        assertEquals(before, verifier.rememberedTokens());
    }
}
