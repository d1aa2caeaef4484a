package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.output.EventWriter;
import dev.cloudwarden.app.output.JsonEventWriter;
import dev.cloudwarden.app.output.OcsfEventWriter;
import dev.cloudwarden.app.output.TableEventWriter;

import java.io.IOException;
import java.io.PrintWriter;

/** Picks the writer for an output format. */
final class EventWriters {
    private EventWriters() {
    }

    static EventWriter create(EventWriter.Format format, PrintWriter out, boolean raw) throws IOException {
        return switch (format) {
            case table -> new TableEventWriter(out);
            case json -> new JsonEventWriter(out, raw);
            case ocsf -> new OcsfEventWriter(out, raw);
        };
    }
}
