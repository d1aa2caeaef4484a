package dev.cloudwarden.engine.ingest.parse;

import com.fasterxml.jackson.core.JsonFactory;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.event.SourceType;

/** Turns one JSON record (an object, as UTF-8 bytes) of a known source into an event. Stateless. */
public interface JsonRecordParser {
    SourceType source();

    /**
     * @param json    the record's bytes; the event keeps them as its raw record, so callers hand over
     *                an array they will not reuse
     * @param factory makes the parser, carrying the input's limits (nesting depth)
     */
    Event parse(byte[] json, Origin origin, ParseContext context, JsonFactory factory) throws RecordRejectedException;
}
