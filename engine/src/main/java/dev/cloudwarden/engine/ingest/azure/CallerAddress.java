package dev.cloudwarden.engine.ingest.azure;

import dev.cloudwarden.engine.event.Endpoint;
import dev.cloudwarden.engine.ingest.net.Addresses;

/**
 * Azure's caller address fields hold an address, an address with its port ({@code 8.8.8.8:45123},
 * {@code [2001:db8::1]:443}, written by resource logs such as storage) or, for calls Azure makes itself,
 * a service name. The address is kept as text; anything else becomes the endpoint's host.
 */
final class CallerAddress {
    private CallerAddress() {
    }

    static Endpoint parse(String text) {
        if (text == null || text.isEmpty()) {
            return Endpoint.NONE;
        }
        if (Addresses.looksLikeIp(text)) {
            return Endpoint.ip(text);
        }
        int colon = text.lastIndexOf(':');
        if (colon > 0 && colon < text.length() - 1) {
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            Integer port = port(text.substring(colon + 1));
            if (port != null && Addresses.looksLikeIp(host)) {
                return Endpoint.of(host, port);
            }
        }
        return new Endpoint(null, null, text);
    }

    private static Integer port(String digits) {
        if (digits.length() > 5) {
            return null;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return null;
            }
        }
        int port = Integer.parseInt(digits);
        return port <= 65535 ? port : null;
    }
}
