package dev.gatehouse.signin;

import java.nio.charset.StandardCharsets;

/** Destinations as {@code Location} header values. */
final class Locations {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Locations() {
    }

    /**
     * {@code target} with every character a URI may not carry as is (non-ASCII, quotes, angle brackets,
     * braces...) percent-encoded as UTF-8, so the header is plain ASCII; {@code %} escapes already there stay.
     */
    static String header(String target) {
        StringBuilder out = new StringBuilder(target.length());
        for (byte b : target.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && "\"<>\\^`{|}".indexOf(c) < 0) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
