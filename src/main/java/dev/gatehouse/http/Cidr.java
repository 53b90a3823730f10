package dev.gatehouse.http;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An address range such as {@code 10.0.0.0/8}; a bare address is a range of one. */
record Cidr(byte[] network, int prefixLength) {

    // Only literals: never resolve a name from a header.
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    static Cidr parse(String text) {
        String[] parts = text.trim().split("/", 2);
        byte[] address = bytes(parts[0]);
        if (address == null) {
            throw new IllegalArgumentException("Not an IP address or CIDR range: " + text);
        }
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
        return new Cidr(address, prefix);
    }

    static boolean isIpLiteral(String text) {
        return bytes(text) != null;
    }

    boolean contains(String address) {
        byte[] candidate = bytes(address);
        if (candidate == null || candidate.length != network.length) {
            return false;
        }
        int shift = network.length * 8 - prefixLength;
        return new BigInteger(1, candidate).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
    }

    private static byte[] bytes(String text) {
        if (text == null || !IP_LITERAL.matcher(text).matches() || (text.indexOf(':') < 0 && text.indexOf('.') < 0)) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
