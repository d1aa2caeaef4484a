package dev.cloudwarden.engine.intel.feed;

import dev.cloudwarden.engine.intel.IocType;
import dev.cloudwarden.engine.intel.IocValues;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.IPAddressString;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which kind of indicator a bare string is, for lists and CSV rows without a type. The rules, in order:
 * <ol>
 *   <li>32, 40 or 64 hex digits: MD5, SHA-1, SHA-256;</li>
 *   <li>{@code AKIA}/{@code ASIA} and 16 more: an AWS access key id;</li>
 *   <li>an IP address or CIDR range, also as {@code address:port} (the port is dropped: CloudWarden matches
 *       addresses);</li>
 *   <li>{@code scheme://host/path...}: a URL; a URL with nothing after the host ({@code http://1.2.3.4},
 *       maltrail's way of listing a host seen over HTTP) is its host, an address or a domain, since the
 *       whole-URL match would only ever see that host's root page;</li>
 *   <li>{@code host/path} without a scheme (maltrail's HTTP trails): the URL {@code http://host/path};</li>
 *   <li>{@code name@domain}: an e-mail address;</li>
 *   <li>a dotted name ({@code pool.example}, {@code host:port} too): a domain;</li>
 *   <li>anything else, including {@code /path} fragments with no host: not an indicator (user agents cannot be
 *       told from other text: give the type).</li>
 * </ol>
 */
public final class IocDetect {
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final Pattern ACCESS_KEY = Pattern.compile("(AKIA|ASIA)[A-Z0-9]{16}", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    /** Dotted quads and standard IPv6 only: no {@code inet_aton} forms, so {@code 1.2} or {@code 12345} are not addresses. */
    private static final IPAddressStringParameters STRICT = new IPAddressStringParameters.Builder()
            .allowSingleSegment(false).allowEmpty(false).allowAll(false).allowMask(false)
            .getIPv4AddressParametersBuilder().allow_inet_aton(false).getParentBuilder().toParams();
    /** A top-level label of digits only: {@code 999.1.1.1.1} is a broken address, not a domain. */
    private static final Pattern NUMERIC_TLD = Pattern.compile("\\.[0-9]+\\.?$");
    private static final Pattern HOST_PORT = Pattern.compile("(.+):([0-9]{1,5})");

    private IocDetect() {
    }

    /** A detected value: its type and canonical value, or why it is none. */
    public record Detected(IocType type, String value, String reason) {
        public boolean ok() {
            return type != null;
        }

        static Detected of(IocType type, String raw) {
            try {
                return new Detected(type, IocValues.normalize(type, raw), null);
            } catch (IllegalArgumentException e) {
                return none(e.getMessage());
            }
        }

        static Detected none(String reason) {
            return new Detected(null, null, reason);
        }
    }

    /**
     * A value a feed gives as a URL, read as vendors write them: with a scheme it is a URL; without one,
     * {@code host/path} is the URL {@code http://host/path}, and a bare host ({@code 161.35.151.35:9100},
     * {@code www.evil.top}) is that address or domain, its port dropped. MISP and STIX feeds both need this: their
     * {@code url} values often lack the scheme.
     */
    public static Detected url(String raw) {
        String v = raw == null ? "" : raw.strip();
        if (v.contains("://")) {
            return Detected.of(IocType.URL, v);
        }
        Detected d = detect(v);
        if (d.ok() && (d.type() == IocType.URL || d.type() == IocType.ADDRESS || d.type() == IocType.DOMAIN)) {
            return d;
        }
        return Detected.none("'" + shorten(v) + "' is not a URL: no scheme, and not host/path, an address or a domain");
    }

    /** The type and canonical value of {@code raw} by the rules above. */
    public static Detected detect(String raw) {
        String v = raw == null ? "" : raw.strip();
        if (v.isEmpty()) {
            return Detected.none("empty value");
        }
        if (HEX.matcher(v).matches()) {
            switch (v.length()) {
                case 32: return Detected.of(IocType.MD5, v);
                case 40: return Detected.of(IocType.SHA1, v);
                case 64: return Detected.of(IocType.SHA256, v);
                default: break;
            }
        }
        if (isAccessKey(v)) {
            return Detected.of(IocType.AWS_ACCESS_KEY, v);
        }
        if (isAddress(v)) {
            return Detected.of(IocType.ADDRESS, v);
        }
        if (v.startsWith("/")) {
            return Detected.none("'" + shorten(v) + "' is a URL path without a host");
        }
        if (SCHEME.matcher(v).matches()) {
            Detected url = Detected.of(IocType.URL, v);
            if (!url.ok()) {
                return url;
            }
            String rest = url.value().substring(url.value().indexOf("://") + 3);
            int slash = rest.indexOf('/');
            if (rest.substring(slash).equals("/") && rest.indexOf('@') < 0) {
                return host(rest.substring(0, slash));
            }
            return url;
        }
        int slash = v.indexOf('/');
        if (slash > 0 && v.indexOf(' ') < 0) {
            Detected host = host(v.substring(0, slash));
            return host.ok() ? Detected.of(IocType.URL, "http://" + v) : Detected.none("'" + shorten(v) + "' is not a URL, address or domain");
        }
        if (v.indexOf('@') > 0 && v.indexOf(' ') < 0) {
            return Detected.of(IocType.EMAIL, v);
        }
        Detected h = host(v);
        return h.ok() ? h : Detected.none("'" + shorten(v) + "' is not an indicator of any type (give the type for user agents)");
    }

    /** A host: an address or a dotted domain name, with an optional {@code :port} dropped. */
    public static Detected host(String v) {
        var m = HOST_PORT.matcher(v);
        String h = m.matches() && !isAddress(v) ? m.group(1) : v;
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (isAddress(h)) {
            return Detected.of(IocType.ADDRESS, h);
        }
        if (h.indexOf('.') <= 0 || h.endsWith("..") || NUMERIC_TLD.matcher(h).find()) {
            return Detected.none("'" + shorten(v) + "' is not an address or a dotted domain name");
        }
        return Detected.of(IocType.DOMAIN, h);
    }

    /** Whether {@code v} is an IP address or CIDR range (IPv4 or IPv6). */
    public static boolean isAddress(String v) {
        if (v.isEmpty() || v.length() > 64) {
            return false;
        }
        char c = v.charAt(0);
        if (!(Character.digit(c, 16) >= 0 || c == ':')) {
            return false;
        }
        IPAddressString s = new IPAddressString(v, STRICT);
        return s.isIPAddress();
    }

    /** Whether {@code v} looks like an AWS access key id. */
    public static boolean isAccessKey(String v) {
        return ACCESS_KEY.matcher(v).matches();
    }

    private static String shorten(String v) {
        return v.length() > 80 ? v.substring(0, 80) + "..." : v;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
