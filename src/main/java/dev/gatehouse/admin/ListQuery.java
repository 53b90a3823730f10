package dev.gatehouse.admin;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import dev.gatehouse.user.User;

/**
 * Which accounts a list shows: those whose name, address or display name contains {@code q} (in any
 * case), {@code size} of them from page {@code page}, counted from 0.
 */
record ListQuery(Optional<String> q, int page, int size) {

    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 100;
    static final int MAX_QUERY_LENGTH = 256;

    /**
     * Reads the query parameters as given: absent or empty is the default (a form's empty field), and
     * anything else that is not a number in range is a 400.
     */
    static ListQuery parse(String q, String page, String size) {
        Invalid invalid = new Invalid();
        if (q != null && q.length() > MAX_QUERY_LENGTH) {
            invalid.add("q", "q must be at most " + MAX_QUERY_LENGTH + " characters.");
        }
        int pageNumber = number(page, 0, 0, Integer.MAX_VALUE, "page", "page must be a whole number from 0.", invalid);
        int pageSize = number(size, DEFAULT_SIZE, 1, MAX_SIZE, "size",
                "size must be a whole number from 1 to " + MAX_SIZE + ".", invalid);
        invalid.throwIfAny();
        Optional<String> wanted = Optional.ofNullable(q).map(String::strip).filter(text -> !text.isEmpty())
                .map(text -> text.toLowerCase(Locale.ROOT));
        return new ListQuery(wanted, pageNumber, pageSize);
    }

    private static int number(String text, int absent, int min, int max, String field, String rule, Invalid invalid) {
        if (text == null || text.isEmpty()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, like a number out of range
        }
        invalid.add(field, rule);
        return absent;
    }

    boolean matches(User user) {
        if (q.isEmpty()) {
            return true;
        }
        String wanted = q.get();
        return Stream.of(Optional.of(user.username()), user.email(), user.displayName()).flatMap(Optional::stream)
                .anyMatch(text -> text.toLowerCase(Locale.ROOT).contains(wanted));
    }

    /** This query's page of {@code matching}, which is in list order. */
    UserList pageOf(List<AccountView> matching) {
        long from = Math.min((long) page * size, matching.size());
        long to = Math.min(from + size, matching.size());
        return new UserList(matching.subList((int) from, (int) to), matching.size());
    }
}
