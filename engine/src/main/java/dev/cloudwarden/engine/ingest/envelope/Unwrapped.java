package dev.cloudwarden.engine.ingest.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.SourceType;

import java.time.Instant;

/** What {@link Envelope#unwrap} finds inside an envelope, in order. */
public interface Unwrapped {
    /**
     * A JSON record: {@code json} its bytes (the event's raw record), {@code tree} the same, parsed. {@code time} is
     * the nearest envelope's time, or null; {@code hint} the source the envelope says it holds, or null.
     */
    void json(byte[] json, JsonNode tree, Instant time, SourceType hint);

    /** A line of text (a VPC flow record in a CloudWatch Logs event); {@code time} as for {@link #json}. */
    void line(String text, Instant time);

    /** Something inside that cannot be read (bad base64, broken JSON): {@code content} is that inner part. */
    void problem(String reason, byte[] content);

    /** Something that carries no event by design (a CloudWatch Logs control message). */
    void skip(String reason);
}
