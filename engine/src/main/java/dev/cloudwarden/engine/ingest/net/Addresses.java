package dev.cloudwarden.engine.ingest.net;

/** Cheap checks on address text, for deciding whether a logged "source" is an address or a name. */
public final class Addresses {
    private Addresses() {
    }

    /** True for dotted-quad IPv4 and for IPv6 text (hex groups with colons, optionally a zone or embedded IPv4). */
    public static boolean looksLikeIp(String s) {
        if (s == null || s.isEmpty() || s.length() > 45) {
            return false;
        }
        return isIpv4(s) || isIpv6(s);
    }

    public static boolean isIpv4(String s) {
        int parts = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || value > 255) {
                    return false;
                }
                parts++;
                value = -1;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (++digits > 3) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return parts == 4;
    }

    private static boolean isIpv6(String s) {
        int colons = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':') {
                colons++;
            } else if (c == '%') {
                break; // zone id
            } else if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '.')) {
                return false;
            }
        }
        return colons >= 2;
    }
}
