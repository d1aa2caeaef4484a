package dev.cloudwarden.engine.event;

/**
 * Volumes moved. "In" is towards the event's source endpoint's peer as the log counts it: for flow logs
 * and web logs {@code bytesOut} is what the source sent. Null where the source does not count.
 */
public record Traffic(Long bytesIn, Long bytesOut, Long packetsIn, Long packetsOut) {
    public static final Traffic NONE = new Traffic(null, null, null, null);

    public boolean isEmpty() {
        return bytesIn == null && bytesOut == null && packetsIn == null && packetsOut == null;
    }
}
