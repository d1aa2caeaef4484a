package dev.cloudwarden.engine.ingest.parse;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Origin;

/** Parses the lines of one input, in order. */
public interface LineParser {
    /**
     * @return the event, or null when the line is format metadata the parser consumed (a header line
     *         naming the fields); the reader counts those as skipped, never as lost
     */
    Event parse(String line, Origin origin) throws RecordRejectedException;
}
