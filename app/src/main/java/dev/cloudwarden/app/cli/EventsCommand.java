package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.output.EventWriter;
import dev.cloudwarden.engine.ingest.IngestStats;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code cloudwarden events PATH...}: read logs, print normalized events, summarise on stderr. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = {"Reads logs (files, directories, .gz, - for stdin) of every supported source and prints "
                + "them as normalized events. A summary goes to stderr.",
                "Exit code: 0 all input read (or the reader of stdout went away, as with | head), 3 some lines were "
                        + "rejected (see the errors and the quarantine file), 2 usage error, or the output or quarantine "
                        + "could not be written."})
public final class EventsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    IngestMixin ingest;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Log files or directories; - reads stdin.")
    List<String> paths;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "table, json (normalized NDJSON) or ocsf (OCSF 1.1 NDJSON). Default: table on a terminal, json otherwise.")
    EventWriter.Format format;

    @Option(names = "--raw", description = "Include the original record in json/ocsf output.")
    boolean raw;

    @Override
    public Integer call() throws IOException {
        EventWriter.Format chosen = format != null ? format
                : Terminal.stdoutIsTerminal() ? EventWriter.Format.table : EventWriter.Format.json;
        CommandLine cli = spec.commandLine();
        EventWriter writer = EventWriters.create(chosen, cli, raw);
        IngestStats stats;
        try {
            stats = IngestRun.run(ingest, paths, spec, new IngestRun.EventConsumer() {
                @Override
                public void accept(dev.cloudwarden.engine.event.Event event) throws IOException {
                    writer.write(event);
                }

                @Override
                public void finish() {
                    try {
                        writer.close();
                    } catch (IOException e) {
                        throw ConsoleSink.outputFailed(e);
                    }
                }
            });
        } catch (UncheckedIOException e) { // the output or the quarantine file
            return Stdout.failed(e.getCause(), e.getMessage(), cli.getErr());
        }
        return stats.rejected() > 0 ? CloudWardenCli.EXIT_REJECTED_INPUT : CloudWardenCli.EXIT_OK;
    }
}
