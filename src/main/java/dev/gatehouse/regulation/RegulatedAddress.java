package dev.gatehouse.regulation;

import java.net.Inet6Address;
import java.net.InetAddress;

import io.netty.util.NetUtil;

/**
 * The unit failures are counted in: an IPv4 address, or an IPv6 /64. One IPv6 host commonly holds a
 * whole /64 and could otherwise present a fresh address for every attempt.
 */
public final class RegulatedAddress {

    private RegulatedAddress() {
    }

    public static String of(String clientAddress) {
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(clientAddress);
        if (!(address instanceof Inet6Address)) {
            return clientAddress;
        }
        byte[] bytes = address.getAddress();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return prefix.append(":/64").toString();
    }
}
