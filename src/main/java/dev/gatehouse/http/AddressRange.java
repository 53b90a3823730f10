package dev.gatehouse.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;

/**
 * An address range such as {@code 10.0.0.0/8}; a bare address is a range of one. Matching is
 * Netty's subnet rule; parsing accepts IP literals only ({@link NetUtil}), so no text from
 * configuration or a header ever becomes a DNS lookup.
 */
final class AddressRange {

    private final IpSubnetFilterRule rule;

    private AddressRange(IpSubnetFilterRule rule) {
        this.rule = rule;
    }

    static AddressRange parse(String text) {
        String[] parts = text.trim().split("/", 2);
        InetAddress network = literal(parts[0])
                .orElseThrow(() -> new IllegalArgumentException("Not an IP address or CIDR range: " + text));
        int bits = network.getAddress().length * 8;
        int prefix = parts.length == 2 ? prefix(parts[1], bits, text) : bits;
        return new AddressRange(new IpSubnetFilterRule(network, prefix, IpFilterRuleType.ACCEPT));
    }

    /** The address {@code text} spells, if it is an IPv4 or IPv6 literal; never resolved. */
    static Optional<InetAddress> literal(String text) {
        return text == null ? Optional.empty() : Optional.ofNullable(NetUtil.createInetAddressFromIpAddressString(text.trim()));
    }

    boolean contains(InetAddress address) {
        return rule.matches(new InetSocketAddress(address, 0));
    }

    private static int prefix(String text, int bits, String range) {
        try {
            int prefix = Integer.parseInt(text);
            if (prefix >= 0 && prefix <= bits) {
                return prefix;
            }
        } catch (NumberFormatException e) {
            // falls through to the one message below
        }
        throw new IllegalArgumentException("Prefix length must be 0 to " + bits + " in " + range);
    }
}
