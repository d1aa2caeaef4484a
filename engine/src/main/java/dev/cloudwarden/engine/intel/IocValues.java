package dev.cloudwarden.engine.intel;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The canonical text of indicator values, so that the same indicator from two feeds (or from a feed and a log
 * field) compares equal: addresses in canonical form (CIDRs as their network, IPv4-mapped IPv6 as IPv4, a
 * full-length prefix dropped), domains lower-case ASCII without a trailing dot or a leading {@code *.}, URLs
 * with scheme and host lower-cased, default ports, empty paths and fragments normalized, hashes lower-case hex,
 * access key ids upper-case, e-mail addresses lower-case; user agents only trimmed.
 */
public final class IocValues {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
    private static final Pattern ACCESS_KEY = Pattern.compile("(AKIA|ASIA)[A-Z0-9]{16}");
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*");

    private IocValues() {
    }

    /**
     * The canonical form of {@code raw} as a {@code type} value.
     *
     * @throws IllegalArgumentException saying why when {@code raw} is not a value of that type
     */
    public static String normalize(IocType type, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("empty " + type.id() + " value");
        }
        String v = raw.strip();
        return switch (type) {
            case ADDRESS -> address(v);
            case DOMAIN -> domain(v);
            case URL -> url(v);
            case MD5 -> hex(v, 32, type);
            case SHA1 -> hex(v, 40, type);
            case SHA256 -> hex(v, 64, type);
            case AWS_ACCESS_KEY -> {
                String k = v.toUpperCase(Locale.ROOT);
                if (!ACCESS_KEY.matcher(k).matches()) {
                    throw new IllegalArgumentException("'" + shorten(v) + "' is not an AWS access key id (AKIA/ASIA and 16 more)");
                }
                yield k;
            }
            case USER_AGENT -> v;
            case EMAIL -> {
                String e = v.toLowerCase(Locale.ROOT);
                int at = e.indexOf('@');
                if (at <= 0 || at != e.lastIndexOf('@') || at == e.length() - 1 || e.indexOf(' ') >= 0) {
                    throw new IllegalArgumentException("'" + shorten(v) + "' is not an e-mail address");
                }
                yield e.substring(0, at + 1) + domain(e.substring(at + 1));
            }
        };
    }

    /** A stable id for an indicator a feed gave no id: the same type, value and source always give the same id. */
    public static String idOf(IocType type, String value, String source) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] d = sha.digest((type.id() + "\n" + value + "\n" + source).getBytes(StandardCharsets.UTF_8));
            return "ioc--" + HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    static String address(String v) {
        IPAddress a = new IPAddressString(v).getAddress();
        if (a == null) {
            throw new IllegalArgumentException("'" + shorten(v) + "' is not an IP address or CIDR range");
        }
        if (a.isIPv6() && a.isIPv4Convertible() && a.toIPv6().isIPv4Mapped()) {
            a = a.toIPv4();
        }
        Integer prefix = a.getNetworkPrefixLength();
        if (prefix == null || prefix == a.getBitCount()) {
            return a.withoutPrefixLength().toCanonicalString();
        }
        return a.toPrefixBlock().toCanonicalString();
    }

    static String domain(String v) {
        String d = v.toLowerCase(Locale.ROOT);
        if (d.startsWith("*.")) {
            d = d.substring(2);
        }
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        try {
            d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + shorten(v) + "' is not a domain name: " + e.getMessage());
        }
        if (d.isEmpty() || d.length() > 253 || !DOMAIN.matcher(d).matches()) {
            throw new IllegalArgumentException("'" + shorten(v) + "' is not a domain name");
        }
        return d;
    }

    static String url(String v) {
        URI u;
        try {
            u = new URI(v);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + shorten(v) + "' is not a URL: " + e.getReason());
        }
        if (u.getScheme() == null || u.getHost() == null) {
            throw new IllegalArgumentException("'" + shorten(v) + "' is not an absolute URL with a host");
        }
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        String host = u.getHost().toLowerCase(Locale.ROOT);
        int port = u.getPort();
        boolean defaultPort = port == -1 || (port == 80 && scheme.equals("http")) || (port == 443 && scheme.equals("https"));
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        return scheme + "://" + (u.getRawUserInfo() == null ? "" : u.getRawUserInfo() + "@") + host
                + (defaultPort ? "" : ":" + port) + path + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    private static String hex(String v, int length, IocType type) {
        String h = v.toLowerCase(Locale.ROOT);
        if (h.length() != length || !HEX.matcher(h).matches()) {
            throw new IllegalArgumentException("'" + shorten(v) + "' is not " + (type == IocType.MD5 ? "an " : "a ")
                    + type.name() + " (" + length + " hex digits)");
        }
        return h;
    }

    private static String shorten(String v) {
        return v.length() > 80 ? v.substring(0, 80) + "..." : v;
    }
}
