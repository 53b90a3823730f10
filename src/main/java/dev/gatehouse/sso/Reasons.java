package dev.gatehouse.sso;

import java.util.Locale;

/** Words from a provider made fit for an audit line: a short code of letters, digits and underscores. */
final class Reasons {

    private static final int MAX = 40;

    private Reasons() {
    }

    static String code(String text) {
        if (text == null || text.isBlank()) {
            return "unknown";
        }
        String cleaned = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return cleaned.length() > MAX ? cleaned.substring(0, MAX) : cleaned;
    }
}
