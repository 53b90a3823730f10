package dev.gatehouse.token;

/**
 * Admits only the one canonical spelling of a compact JWS: three segments of the base64url alphabet
 * without padding, each of a length base64 can produce and with the unused bits of its last
 * character zero, and no longer than {@link #MAX_LENGTH}. Lenient decoders accept other spellings
 * of the same signature ({@code =}, stray characters, padding-bit variants); each would otherwise be
 * a distinct token to verify and to remember.
 */
final class CanonicalCompactJws {

    /** Gatehouse's own tokens are well under 1 KiB; nothing longer is even parsed. */
    static final int MAX_LENGTH = 4096;

    private CanonicalCompactJws() {
    }

    static void require(String token) throws InvalidTokenException {
        if (token == null || token.length() > MAX_LENGTH) {
            throw new InvalidTokenException("Token missing or longer than " + MAX_LENGTH + " characters");
        }
        int segments = 0;
        int start = 0;
        for (int i = 0; i <= token.length(); i++) {
            if (i == token.length() || token.charAt(i) == '.') {
                requireSegment(token, start, i);
                segments++;
                start = i + 1;
            }
        }
        if (segments != 3) {
            throw new InvalidTokenException("A compact JWS has three segments");
        }
    }

    private static void requireSegment(String token, int from, int to) throws InvalidTokenException {
        int length = to - from;
        if (length == 0 || length % 4 == 1) {
            throw new InvalidTokenException("Segment of impossible length");
        }
        for (int i = from; i < to; i++) {
            if (value(token.charAt(i)) < 0) {
                throw new InvalidTokenException("Not base64url");
            }
        }
        int unusedBitsMask = switch (length % 4) {
            case 2 -> 0b1111;
            case 3 -> 0b11;
            default -> 0;
        };
        if ((value(token.charAt(to - 1)) & unusedBitsMask) != 0) {
            throw new InvalidTokenException("Non-canonical base64url");
        }
    }

    static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : c == '_' ? 63 : -1;
    }
}
