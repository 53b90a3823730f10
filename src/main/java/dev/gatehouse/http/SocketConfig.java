package dev.gatehouse.http;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Access to the Unix socket Gatehouse listens on behind NGINX ({@code quarkus.http.domain-socket},
 * enabled with {@code quarkus.http.domain-socket-enabled}).
 */
@ConfigMapping(prefix = "gatehouse.socket")
public interface SocketConfig {

    /**
     * Permissions of the socket file. Default {@code rw-rw----} (0660): the owner and its group may
     * connect, nobody else. Anyone who can connect can claim any client address in
     * {@code X-Forwarded-For}, so never make it world-accessible.
     */
    @WithDefault("rw-rw----")
    String permissions();

    /**
     * Group to give the socket file, e.g. the NGINX workers' group. Default: none, the process's own
     * group (under systemd: add the NGINX user to Gatehouse's group instead).
     */
    Optional<String> group();
}
