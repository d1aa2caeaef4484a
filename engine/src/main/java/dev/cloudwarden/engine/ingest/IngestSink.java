package dev.cloudwarden.engine.ingest;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.event.SourceType;

/** Receives what reading produces. Every line or record read ends in exactly one of the three callbacks. */
public interface IngestSink {
    void onEvent(Event event);

    void onRejected(Rejection rejection);

    /** Lines that carry no event by design (blank lines, format headers, CloudTrail digest files). */
    default void onSkipped(Origin origin, String reason) {
    }

    /** An input was opened and its format decided; {@code source} is null when records decide per file. */
    default void onInputStart(String input, String format, SourceType source) {
    }

    /** Bytes of the current input consumed so far (compressed bytes for .gz), for progress display. */
    default void onBytesRead(long total) {
    }
}
