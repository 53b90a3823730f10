package dev.gatehouse.platform;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Writes that must outlive a Redis failover. With Sentinel ({@link SentinelConfigSource}) a new
 * session, a logout and a counter increment are answered only after {@code WAIT 1} reports that a
 * replica has them, or after this timeout: Sentinel promotes the replica that has the most, so an
 * acknowledged write is there after a failover. Without Sentinel there is no replica to wait for
 * and nothing waits.
 */
@ConfigMapping(prefix = "gatehouse.redis")
public interface ReplicationConfig {

    /**
     * How long such a write waits for one replica ({@code GATEHOUSE_REDIS_REPLICA_ACK_TIMEOUT}).
     * Default 200 ms; 0 turns the wait off. It bounds the extra latency of those writes when every
     * replica is down: the write then still counts (best effort) rather than failing, and a
     * failover in that moment may lose it. A logout lost that way would let the session work again
     * until it expires, so keep the wait on wherever there is a replica.
     */
    @WithDefault("200ms")
    Duration replicaAckTimeout();
}
