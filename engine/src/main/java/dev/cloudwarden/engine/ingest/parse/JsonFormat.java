package dev.cloudwarden.engine.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.SourceType;

/** A source whose records are JSON objects, recognised by the keys its service always writes. */
public non-sealed interface JsonFormat extends SourceDescriptor {
    /**
     * True when {@code record}, the first object of an input, was written by this source. Asked once per input
     * (the rest of the input goes to the same parser), in registry order, so a format may claim records a later
     * one would also claim.
     */
    boolean recognizes(JsonNode record);

    /** The parser of every record of this source. Stateless: one serves every input. */
    JsonRecordParser parser();

    @Override
    default SourceType source() {
        return parser().source();
    }

    /** A top-level member's text, or "" when it is absent or not text: detection compares values, whatever the record holds. */
    static String text(JsonNode record, String key) {
        JsonNode v = record.get(key);
        return v == null || !v.isTextual() ? "" : v.asText();
    }
}
