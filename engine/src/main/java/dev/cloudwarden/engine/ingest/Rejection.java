package dev.cloudwarden.engine.ingest;

import dev.cloudwarden.engine.event.Origin;

import java.nio.charset.StandardCharsets;

/**
 * A line or record that could not become an event: where it was, why, and its bytes (possibly cut
 * short for oversized lines) so it can be quarantined and fixed.
 */
public record Rejection(Origin origin, String reason, byte[] content) {
    public Rejection {
        content = content == null ? new byte[0] : content;
    }

    public static Rejection of(Origin origin, String reason, String content) {
        return new Rejection(origin, reason, content == null ? null : content.getBytes(StandardCharsets.UTF_8));
    }

    /** One line for a terminal: {@code file:line: reason}. */
    public String message() {
        return origin + ": " + reason;
    }
}
