package dev.gatehouse.saml;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.Digests;
import dev.gatehouse.platform.OneTimeRecords;
import dev.gatehouse.sso.SsoConfig;

/**
 * AuthnRequests sent and not yet answered, in Redis under the SHA-256 of their ID for
 * {@code GATEHOUSE_SSO_STATE_TTL}: a response counts only when its InResponseTo names one of them, and
 * only once, as taking one deletes it in the same step. Each keeps the hashes of the RelayState it was
 * sent with and of the browser's pre-login cookie, and the destination; RelayState itself is an opaque
 * random key, never the destination.
 */
@Singleton
class PendingRequests {

    record Pending(String relayHash, String browserHash, String rd) {
        @Override
        public String toString() {
            return "Pending[]";
        }

        /** Whether {@code relayState} and {@code browser} are the ones this request was sent with. */
        boolean sentWith(String relayState, String browser) {
            return same(relayHash, Digests.sha256Hex(relayState)) & same(browserHash, Digests.sha256Hex(browser));
        }

        private static boolean same(String a, String b) {
            return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static final String PREFIX = "gatehouse:saml:request:";
    private static final List<String> FIELDS = List.of("relay", "browser", "rd");

    private final OneTimeRecords records;
    private final Duration ttl;

    PendingRequests(OneTimeRecords records, SsoConfig sso) {
        this.records = records;
        this.ttl = sso.stateTtl();
    }

    void save(String requestId, String relayState, String browser, String rd) {
        records.put(PREFIX, requestId, Map.of("relay", Digests.sha256Hex(relayState), "browser", Digests.sha256Hex(browser), "rd", rd),
                ttl);
    }

    /** The request {@code inResponseTo} names, once; empty when it is unknown, expired or answered already. */
    Optional<Pending> take(String inResponseTo) {
        return records.take(PREFIX, inResponseTo, FIELDS)
                .map(fields -> new Pending(fields.get("relay"), fields.get("browser"), fields.get("rd")));
    }
}
