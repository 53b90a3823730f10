package dev.gatehouse.gateway;

/**
 * What may go into a header Gatehouse sends: visible ASCII and spaces, bounded in length. Account
 * names are restricted where accounts are made, but a value read back from Redis is checked again
 * here: a line break in a header would end the answer or smuggle another header in.
 */
final class HeaderValues {

    static final int MAX_LENGTH = 4096;

    private HeaderValues() {
    }

    static boolean safe(String value) {
        if (value == null || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
