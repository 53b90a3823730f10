package dev.gatehouse.access;

import java.time.Instant;
import java.util.Optional;

import dev.gatehouse.user.Role;

/** What access is made of, as stored: small records, written to Redis as {@code |}-separated text. */
final class Records {

    private Records() {
    }

    /** A resource (a bot, a dashboard...), optionally owned by a department. */
    record Resource(String id, String name, Optional<String> department) {
        String encode() {
            return department.orElse("") + "|" + name;
        }

        static Resource decode(String id, String text) {
            int bar = text.indexOf('|');
            String department = text.substring(0, bar);
            return new Resource(id, text.substring(bar + 1), department.isEmpty() ? Optional.empty() : Optional.of(department));
        }
    }

    /** A role given to one account, on a resource or in a department, by whom and when. */
    record Given(String user, Role role, String by, Instant at) {
        String encode() {
            return role.id() + "|" + at.toEpochMilli() + "|" + by;
        }

        static Given decode(String user, String text) {
            String[] parts = text.split("\\|", 3);
            return new Given(user, Role.parse(parts[0]).orElseThrow(), parts[2], Instant.ofEpochMilli(Long.parseLong(parts[1])));
        }
    }
}
