package dev.cloudwarden.app.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.EventJson;
import dev.cloudwarden.engine.event.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/** Normalized events as NDJSON (one object per line), optionally with the raw record. */
public final class JsonEventWriter implements EventWriter {
    private final JsonGenerator g;
    private final boolean raw;

    public JsonEventWriter(OutputStream out, boolean raw) throws IOException {
        this.g = newlineSeparated(out);
        this.raw = raw;
    }

    /** A generator writing one JSON value per line with terminal-safe escaping. */
    static JsonGenerator newlineSeparated(Writer out) throws IOException {
        return newlineSeparated(Json.FACTORY.createGenerator(out));
    }

    /**
     * As above, writing UTF-8 bytes: JSON's own encoding, with no character encoder after the generator, and with
     * Jackson's byte generator, which copies ASCII through and consults the escapes only for other characters.
     */
    static JsonGenerator newlineSeparated(OutputStream out) throws IOException {
        return newlineSeparated(new SafeUtf8Generator(Json.FACTORY.createGenerator(out, JsonEncoding.UTF8)));
    }

    private static JsonGenerator newlineSeparated(JsonGenerator g) {
        g.setRootValueSeparator(new SerializedString("\n"));
        g.setCharacterEscapes(new SafeJsonEscapes());
        return g;
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
