package dev.gatehouse.admin;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.gatehouse.user.EmailAddress;
import dev.gatehouse.user.Role;
import dev.gatehouse.user.User;

/**
 * The rules for what an administrator types into an account. Each reads one field, adds what is
 * wrong with it to {@link Invalid}, and answers the value to use.
 */
final class AccountFields {

    /** Display names are shown on pages and in lists, not stored as essays. */
    static final int MAX_NAME_LENGTH = 100;

    private AccountFields() {
    }

    static String username(String text, Invalid invalid) {
        if (text == null || text.isBlank()) {
            invalid.add("username", "username is required.");
        } else if (!User.isLocalName(text)) {
            invalid.add("username", "username must be " + User.NAME_RULE + ".");
        }
        return text;
    }

    /** Absent stays absent; present must be an address, kept in its canonical form. */
    static Optional<String> email(String text, Invalid invalid) {
        if (text == null) {
            return Optional.empty();
        }
        Optional<String> address = EmailAddress.parse(text);
        if (address.isEmpty()) {
            invalid.add("email", "email must be " + EmailAddress.RULE + ".");
        }
        return address;
    }

    /** Trimmed; blank is no name. No control characters: names end up in pages, mails and logs. */
    static Optional<String> name(String text, Invalid invalid) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String name = text.strip();
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH || name.codePoints().anyMatch(Character::isISOControl)) {
            invalid.add("name", "name must be at most " + MAX_NAME_LENGTH + " characters, without control characters.");
            return Optional.empty();
        }
        return Optional.of(name);
    }

    /** At least one role, each from the catalog: an unknown one is an error, never dropped. */
    static Set<Role> roles(List<String> ids, Invalid invalid) {
        if (ids == null || ids.isEmpty()) {
            invalid.add("roles", "roles must name at least one of " + Role.CATALOG + ".");
            return Set.of();
        }
        if (ids.contains(null)) {
            invalid.add("roles", "roles must be names, one of " + Role.CATALOG + ".");
            return Set.of();
        }
        try {
            return Role.parseEach(ids);
        } catch (IllegalArgumentException e) {
            invalid.add("roles", e.getMessage() + ".");
            return Set.of();
        }
    }
}
