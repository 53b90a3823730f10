package dev.gatehouse.http;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which peers may tell Gatehouse who the real client is. */
@ConfigMapping(prefix = "gatehouse.proxy")
public interface ProxyConfig {

    /**
     * Addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For} is believed, besides
     * the Unix socket (always trusted: only the proxy's group can connect to it). Default
     * {@code 127.0.0.1,::1}. Trusting more lets those hosts choose the address that rate limits and
     * audit lines see.
     */
    @WithDefault("127.0.0.1,::1")
    List<String> trustedAddresses();
}
