package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.output.EventWriter;
import dev.cloudwarden.app.output.JsonEventWriter;
import dev.cloudwarden.app.output.OcsfEventWriter;
import dev.cloudwarden.app.output.TableEventWriter;

import picocli.CommandLine;

import java.io.IOException;

/** Picks the writer for an output format. */
final class EventWriters {
    private EventWriters() {
    }

    /** Table rows go to the command's text writer; NDJSON goes to stdout as UTF-8 bytes. */
    static EventWriter create(EventWriter.Format format, CommandLine cli, boolean raw) throws IOException {
        return switch (format) {
            case table -> new TableEventWriter(cli.getOut());
            case json -> new JsonEventWriter(CloudWardenCli.stdout(cli), raw);
            case ocsf -> new OcsfEventWriter(CloudWardenCli.stdout(cli), raw);
        };
    }
}
