package dev.cloudwarden.app.output;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.EventJson;

import java.io.IOException;
import java.io.OutputStream;

/** Normalized events as NDJSON (one object per line), optionally with the raw record. */
public final class JsonEventWriter implements EventWriter {
    private final JsonGenerator g;
    private final boolean raw;

    public JsonEventWriter(OutputStream out, boolean raw) throws IOException {
        this.g = SafeJsonEscapes.newlineSeparated(out);
        this.raw = raw;
    }

    @Override
    public void write(Event event) throws IOException {
        EventJson.write(event, g, raw, true);
    }

    @Override
    public void close() throws IOException {
        g.writeRaw('\n');
        g.flush();
    }
}
