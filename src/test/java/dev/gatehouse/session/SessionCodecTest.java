package dev.gatehouse.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gatehouse.user.Role;

class SessionCodecTest {

    private static final String ID = "a".repeat(43);
    private static final Session SESSION = new Session(ID, "ada@example.org", Set.of(Role.ADMIN, Role.USER),
            Instant.ofEpochSecond(1_700_000_000), Instant.ofEpochSecond(1_700_604_800), List.of("password"));

    @Test
    void roundTrips() {
        assertEquals(SESSION, SessionCodec.decode(ID, SessionCodec.encode(SESSION)).orElseThrow());
    }

    @Test
    void writesAVersionedJsonRecord() {
        String stored = SessionCodec.encode(SESSION);
        assertTrue(stored.startsWith("{\"v\":2,"), stored);
        assertTrue(stored.contains("\"roles\":[\"admin\",\"user\"]"), stored);
    }

    @Test
    void readsRecordsOfTheFirstRelease() {
        Session legacy = SessionCodec.decode(ID, "v1|ada|admin,mod|1700000000|1700604800").orElseThrow();
        assertEquals("ada", legacy.username());
        assertEquals(Set.of(Role.ADMIN, Role.MOD), legacy.roles());
        assertEquals(Instant.ofEpochSecond(1_700_604_800), legacy.expiresAt());
        assertEquals(List.of("password"), legacy.methods());
    }

    @Test
    void ignoresFieldsALaterReleaseAdds() {
        String later = "{\"v\":2,\"user\":\"ada\",\"roles\":[\"user\"],\"created\":1,\"expires\":2,\"methods\":[],"
                + "\"device\":\"phone\",\"impersonator\":\"root\"}";
        assertEquals("ada", SessionCodec.decode(ID, later).orElseThrow().username());
    }

    @Test
    void dropsRolesItDoesNotKnow() {
        String stored = "{\"v\":2,\"user\":\"ada\",\"roles\":[\"user\",\"wizard\"],\"created\":1,\"expires\":2}";
        assertEquals(Set.of(Role.USER), SessionCodec.decode(ID, stored).orElseThrow().roles());
    }

    @ParameterizedTest(name = "unreadable: {0}")
    @ValueSource(strings = { "", "garbage", "v1|ada|admin|x|1", "v1|ada|admin|1", "v0|ada|admin|1|2", "{", "{\"v\":3,\"user\":\"a\","
            + "\"created\":1,\"expires\":2}", "{\"v\":2,\"created\":1,\"expires\":2}", "{\"v\":2,\"user\":\"a\",\"expires\":2}",
            "[1,2]", "{\"v\":2,\"user\":\"a\",\"created\":\"soon\",\"expires\":2}" })
    void unreadableRecordsAreNoSession(String stored) {
        assertTrue(SessionCodec.decode(ID, stored).isEmpty());
    }
}
