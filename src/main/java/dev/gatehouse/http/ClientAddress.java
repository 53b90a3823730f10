package dev.gatehouse.http;

import java.util.List;

import jakarta.inject.Singleton;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The address of the person behind a request: the peer itself, or the address a trusted proxy
 * reports in {@code X-Forwarded-For} (its last entry: the one the proxy saw).
 */
@Singleton
public class ClientAddress {

    private final List<AddressRange> trusted;

    public ClientAddress(ProxyConfig config) {
        this.trusted = config.trustedAddresses().orElse(List.of()).stream().map(AddressRange::parse).toList();
    }

    public String of(HttpServerRequest request) {
        String peerAddress = peerAddress(request);
        if (peerAddress == null || isTrusted(peerAddress)) {
            String forwarded = lastForwarded(request.getHeader("X-Forwarded-For"));
            if (forwarded != null) {
                return forwarded;
            }
        }
        return peerAddress == null ? "unix" : peerAddress;
    }

    /** True for the Unix socket and for peers in {@code gatehouse.proxy.trusted-addresses}. */
    public boolean isFromTrustedProxy(HttpServerRequest request) {
        String peerAddress = peerAddress(request);
        return peerAddress == null || isTrusted(peerAddress);
    }

    private static String peerAddress(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        return peer == null || peer.isDomainSocket() ? null : peer.hostAddress();
    }

    private boolean isTrusted(String address) {
        return AddressRange.literal(address).map(ip -> trusted.stream().anyMatch(range -> range.contains(ip))).orElse(false);
    }

    private static String lastForwarded(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String last = header.substring(header.lastIndexOf(',') + 1).trim();
        return AddressRange.literal(last).isPresent() ? last : null;
    }
}
