package dev.gatehouse.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SentinelConfigSourceTest {

    @Test
    void withoutSentinelsNothingChanges() {
        SentinelConfigSource source = new SentinelConfigSource(Map.of("GATEHOUSE_REDIS_URL", "redis://127.0.0.1:6379")::get);
        assertTrue(source.getPropertyNames().isEmpty());
    }

    @Test
    void sentinelsAndAMasterMakeASentinelClientOfTheMaster() {
        SentinelConfigSource source = new SentinelConfigSource(
                Map.of("GATEHOUSE_REDIS_SENTINELS", "10.0.0.1:26379, sentinel-b:26379,[::1]:26380", "GATEHOUSE_REDIS_MASTER", "gatehouse")::get);
        assertEquals("sentinel", source.getValue("quarkus.redis.client-type"));
        assertEquals("redis://10.0.0.1:26379,redis://sentinel-b:26379,redis://[::1]:26380", source.getValue("quarkus.redis.hosts"));
        assertEquals("gatehouse", source.getValue("quarkus.redis.master-name"));
        assertEquals("master", source.getValue("quarkus.redis.role"));
        assertEquals("true", source.getValue("quarkus.redis.auto-failover"));
    }

    @Test
    void sentinelsWithoutAMasterNameStopTheStart() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new SentinelConfigSource(Map.of("GATEHOUSE_REDIS_SENTINELS", "127.0.0.1:26379")::get));
        assertTrue(refused.getMessage().contains("GATEHOUSE_REDIS_MASTER"), refused.getMessage());
    }

    @Test
    void sentinelsAndARedisUrlAtOnceStopTheStart() {
        assertThrows(IllegalStateException.class, () -> new SentinelConfigSource(Map.of("GATEHOUSE_REDIS_SENTINELS",
                "127.0.0.1:26379", "GATEHOUSE_REDIS_MASTER", "m", "GATEHOUSE_REDIS_URL", "redis://127.0.0.1:6379")::get));
    }

    @Test
    void anAddressWithoutAPortOrWithCredentialsIsRefused() {
        for (String wrong : new String[] { "127.0.0.1", "redis://:secret@127.0.0.1:26379", "host:port" }) {
            assertThrows(IllegalStateException.class, () -> new SentinelConfigSource(
                    Map.of("GATEHOUSE_REDIS_SENTINELS", wrong, "GATEHOUSE_REDIS_MASTER", "m")::get), wrong);
        }
    }
}
