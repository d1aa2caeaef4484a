package dev.cloudwarden.engine.ingest.web;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The HTTP request line, cut into Sigma's webserver fields: {@code cs-method}, {@code cs-uri} (the target
 * as sent), {@code cs-uri-stem} (its path), {@code cs-uri-query} (after '?', absent without one),
 * {@code cs-version} and, for absolute targets (proxies, ALB), {@code cs-host}. What is not a request line
 * (TLS bytes sent to a plain-HTTP port, {@code -} for a connection closed before any request) is kept
 * whole as {@code request}, with no method: such lines are scans, and still events.
 */
final class RequestLine {
    private RequestLine() {
    }

    static void put(String request, ObjectNode raw) {
        String[] parts = request.trim().split(" ");
        boolean versioned = parts.length >= 3 && parts[parts.length - 1].startsWith("HTTP/");
        if (parts.length < 2 || !isMethod(parts[0]) || parts.length > 2 && !versioned) {
            if (!request.isBlank() && !request.replace("-", "").isBlank()) {
                raw.put("request", request);
            }
            return;
        }
        raw.put("cs-method", parts[0]);
        // Clients that do not encode spaces send targets with spaces: everything between method and version.
        String target = String.join(" ", java.util.Arrays.copyOfRange(parts, 1, versioned ? parts.length - 1 : 2));
        raw.put("cs-uri", target);
        String path = target;
        int scheme = target.indexOf("://");
        if (scheme > 0 && scheme < 10) {
            int slash = target.indexOf('/', scheme + 3);
            String authority = slash < 0 ? target.substring(scheme + 3) : target.substring(scheme + 3, slash);
            putHost(authority, raw);
            path = slash < 0 ? "/" : target.substring(slash);
        } else if (parts[0].equals("CONNECT")) {
            putHost(target, raw);
        }
        int q = path.indexOf('?');
        raw.put("cs-uri-stem", q < 0 ? path : path.substring(0, q));
        if (q >= 0) {
            raw.put("cs-uri-query", path.substring(q + 1));
        }
        if (versioned) {
            raw.put("cs-version", parts[parts.length - 1]);
        }
    }

    /** {@code user@host:port} or {@code [v6]:port}: the host alone. */
    private static void putHost(String authority, ObjectNode raw) {
        String host = authority.substring(authority.indexOf('@') + 1);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            host = end > 0 ? host.substring(1, end) : host;
        } else if (host.indexOf(':') >= 0) {
            host = host.substring(0, host.indexOf(':'));
        }
        if (!host.isEmpty()) {
            raw.put("cs-host", host);
        }
    }

    /** Methods are tokens of letters (RFC 9110); "GET", "PROPFIND", "SSTP_DUPLEX_POST" all qualify. */
    private static boolean isMethod(String s) {
        if (s.isEmpty() || s.length() > 32 || s.charAt(0) < 'A' || s.charAt(0) > 'Z') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
