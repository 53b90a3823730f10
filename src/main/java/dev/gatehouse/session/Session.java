package dev.gatehouse.session;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A signed-in browser: who, with which roles, until when. */
public record Session(String id, String username, List<String> roles, Instant createdAt, Instant expiresAt) {

    private static final String VERSION = "v1";

    public Session {
        roles = List.copyOf(roles);
    }

    /** Compact form for Redis; names and roles never contain the separator. */
    String encode() {
        return String.join("|", VERSION, username, String.join(",", roles),
                String.valueOf(createdAt.getEpochSecond()), String.valueOf(expiresAt.getEpochSecond()));
    }

    static Optional<Session> decode(String id, String value) {
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split("\\|", -1);
        if (parts.length != 5 || !VERSION.equals(parts[0])) {
            return Optional.empty();
        }
        try {
            List<String> roles = parts[2].isEmpty() ? List.of() : Arrays.asList(parts[2].split(","));
            return Optional.of(new Session(id, parts[1], roles, Instant.ofEpochSecond(Long.parseLong(parts[3])),
                    Instant.ofEpochSecond(Long.parseLong(parts[4]))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "Session[" + username + ", until " + expiresAt + "]";
    }
}
