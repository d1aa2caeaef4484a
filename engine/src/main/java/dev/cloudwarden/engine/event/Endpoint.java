package dev.cloudwarden.engine.event;

/**
 * One side of a connection or request. {@code ip} is kept as text (IPv4 or IPv6) exactly as logged;
 * {@code host} is a host name, instance id or service name where the source gives one instead.
 */
public record Endpoint(String ip, Integer port, String host) {
    public static final Endpoint NONE = new Endpoint(null, null, null);

    public static Endpoint ip(String ip) {
        return ip == null ? NONE : new Endpoint(ip, null, null);
    }

    public static Endpoint of(String ip, Integer port) {
        return ip == null && port == null ? NONE : new Endpoint(ip, port, null);
    }

    public boolean isEmpty() {
        return ip == null && port == null && host == null;
    }
}
