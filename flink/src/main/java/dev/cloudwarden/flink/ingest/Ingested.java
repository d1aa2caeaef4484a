package dev.cloudwarden.flink.ingest;

import dev.cloudwarden.engine.event.Event;

/** What one Kafka record became: events, or a rejection naming the record and the reason. */
public sealed interface Ingested {
    /** A parsed event. */
    record Parsed(Event event) implements Ingested {
    }

    /**
     * A record (or a line of it) that could not be read.
     *
     * @param origin  the topic, partition and line ({@code offset + 1}) it came from
     * @param reason  why, as the CLI words it
     */
    record Rejected(String origin, String reason) implements Ingested {
        public String message() {
            return origin + ": " + reason;
        }
    }

    /** Event time in epoch ms for the watermark; a rejection has none, so it moves nothing. */
    static long timestamp(Ingested in) {
        return in instanceof Parsed p ? p.event().time().toEpochMilli() : Long.MIN_VALUE;
    }
}
