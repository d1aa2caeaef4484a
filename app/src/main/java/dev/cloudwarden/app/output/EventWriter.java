package dev.cloudwarden.app.output;

import dev.cloudwarden.engine.event.Event;

import java.io.Closeable;
import java.io.IOException;

/** Prints events in one output format. */
public interface EventWriter extends Closeable {
    void write(Event event) throws IOException;

    /** Output formats of {@code cloudwarden events}. */
    enum Format { table, json, ocsf }
}
