package dev.gatehouse.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** The test client (127.0.0.1) is not a trusted proxy here, so what it claims must not count. */
@QuarkusTest
@TestProfile(ProxyTrustTest.UntrustedLoopback.class)
@WithTestResource(RedisResource.class)
class ProxyTrustTest {

    public static class UntrustedLoopback implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.proxy.trusted-addresses", "192.0.2.10",
                    "gatehouse.regulation.ip-max-failures", "5",
                    "gatehouse.regulation.user-ip-max-failures", "100");
        }
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        for (int i = 0; i < 5; i++) {
            assertNull(attempt("203.0.113." + i).header("Retry-After"), "failure " + (i + 1) + " is not banned yet");
        }
        // Five different claimed addresses, one real one: the real one is banned.
        assertNotNull(attempt("203.0.113.99").header("Retry-After"));
    }

    private static Response attempt(String claimedAddress) {
        return given().header("X-Forwarded-For", claimedAddress).contentType("application/json")
                .body(TestUsers.json("someone-" + claimedAddress, "wrong")).post("/auth/login");
    }
}
