package dev.gatehouse.http;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Which peers may tell Gatehouse who the real client is. */
@ConfigMapping(prefix = "gatehouse.proxy")
public interface ProxyConfig {

    /**
     * Addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For} is believed, besides
     * the Unix socket (always trusted: only the proxy's group can connect to it). Default: none, not
     * even loopback, so a local process on the development TCP listener cannot choose its address.
     * Every entry lets that host choose the address that rate limits and audit lines see. IP literals
     * only: names are refused, never resolved.
     */
    Optional<List<String>> trustedAddresses();
}
