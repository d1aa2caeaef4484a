package dev.cloudwarden.app.respond.host;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;

import java.util.regex.Pattern;

/**
 * An address (or CIDR block) to block, checked strictly, because it comes from the incident, that is from the
 * attacker's own traffic, and is written into a shell script run as root. Only what the IPAddress library reads as
 * one address or one prefix block is accepted, and only its canonical text goes into a script, never the input:
 * nothing but hex digits, dots, colons and one slash can reach the shell.
 *
 * <p>Refused as well: what blocking would cut the host off from itself or from everyone (loopback, the unspecified
 * address, multicast, blocks wider than /8 in IPv4 or /32 in IPv6).
 *
 * @param text canonical: {@code 203.0.113.7}, {@code 198.51.100.0/24}, {@code 2001:db8::1}, {@code 2001:db8::/48}
 */
public record BlockedAddress(String text, boolean ipv6) {
    /** Before the library sees it: the characters an address or CIDR can hold, and no more than IPv6 needs. */
    private static final Pattern SHAPE = Pattern.compile("[0-9A-Fa-f:./]{2,49}");
    /**
     * Plain forms only: no inet_aton shorthands ({@code 1.2.3}), no leading zeros ({@code 010.0.0.1}, octal to some
     * tools), no single segments.
     */
    private static final IPAddressStringParameters STRICT = new IPAddressStringParameters.Builder()
            .allowSingleSegment(false).allowEmpty(false).allowAll(false)
            .getIPv4AddressParametersBuilder().allow_inet_aton(false).allowLeadingZeros(false).getParentBuilder()
            .toParams();

    /** {@code input} as an address to block; {@link IllegalArgumentException} saying why when it is not one. */
    public static BlockedAddress parse(String input) {
        if (input == null || !SHAPE.matcher(input).matches()) {
            throw new IllegalArgumentException("not an IP address or CIDR: " + quote(input));
        }
        IPAddress a = new IPAddressString(input, STRICT).getAddress();
        if (a == null || a.isMultiple() && !a.isPrefixBlock()) {
            throw new IllegalArgumentException("not an IP address or CIDR: " + quote(input));
        }
        if (a.isIPv6() && a.isIPv4Convertible()) {
            a = a.toIPv4(); // ::ffff:203.0.113.7 is the IPv4 host, as the incident engine writes it
        }
        Integer prefix = a.getNetworkPrefixLength();
        boolean block = prefix != null && prefix < a.getBitCount();
        if (block && prefix < (a.isIPv4() ? 8 : 32)) {
            throw new IllegalArgumentException("refusing to block so wide a range: " + input);
        }
        if (a.isLoopback() || a.isAnyLocal() || a.isMulticast()) {
            throw new IllegalArgumentException("refusing to block a loopback, unspecified or multicast address: "
                    + input);
        }
        String canonical = block ? a.toPrefixBlock().toCanonicalString() : a.withoutPrefixLength().toCanonicalString();
        return new BlockedAddress(canonical, a.isIPv6());
    }

    /** The input as an error message may show it: printable ASCII only, at most 60 characters. */
    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().limit(60).forEach(c -> b.append(c >= 0x20 && c < 0x7f ? Character.toString(c) : "?"));
        return b.append('"').toString();
    }
}
