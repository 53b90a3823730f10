package dev.gatehouse.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gatehouse.user.Role;

/**
 * The stored form of a session: a JSON object with a version {@code v}, so that fields can be added
 * (unknown ones are ignored on read). Records of the first release, a pipe-separated
 * {@code v1|user|roles|created|expires} string, are still read.
 */
final class SessionCodec {

    static final int VERSION = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SessionCodec() {
    }

    static String encode(Session session) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("v", VERSION);
        record.put("user", session.username());
        record.put("roles", Role.ids(session.roles()));
        record.put("created", session.createdAt().getEpochSecond());
        record.put("expires", session.expiresAt().getEpochSecond());
        record.put("methods", session.methods());
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A map of strings and numbers is always JSON", e);
        }
    }

    /** The session stored under {@code value}; empty when there is none or it cannot be read. */
    static Optional<Session> decode(String id, String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        return value.charAt(0) == '{' ? decodeJson(id, value) : decodeFirstRelease(id, value);
    }

    private static Optional<Session> decodeJson(String id, String value) {
        try {
            JsonNode node = JSON.readTree(value);
            if (node.path("v").asInt() != VERSION || !node.path("user").isTextual()
                    || !node.path("created").canConvertToLong() || !node.path("expires").canConvertToLong()) {
                return Optional.empty();
            }
            return Optional.of(new Session(id, node.get("user").asText(), Role.parseAll(texts(node.path("roles"))),
                    Instant.ofEpochSecond(node.get("created").asLong()), Instant.ofEpochSecond(node.get("expires").asLong()),
                    texts(node.path("methods"))));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static Optional<Session> decodeFirstRelease(String id, String value) {
        String[] parts = value.split("\\|", -1);
        if (parts.length != 5 || !"v1".equals(parts[0])) {
            return Optional.empty();
        }
        try {
            List<String> roles = parts[2].isEmpty() ? List.of() : Arrays.asList(parts[2].split(","));
            return Optional.of(new Session(id, parts[1], Role.parseAll(roles), Instant.ofEpochSecond(Long.parseLong(parts[3])),
                    Instant.ofEpochSecond(Long.parseLong(parts[4])), List.of("password")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
