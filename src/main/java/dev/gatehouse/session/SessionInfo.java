package dev.gatehouse.session;

import java.time.Instant;

/** One of an account's sessions as its owner sees it; {@code handle} names it without being its cookie. */
public record SessionInfo(String handle, Instant createdAt, Instant lastSeen, String clientAddress, String userAgent) {
}
