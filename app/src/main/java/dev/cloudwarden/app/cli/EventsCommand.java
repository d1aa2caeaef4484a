package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.output.EventWriter;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.LogSource;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.IngestStats;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.read.Input;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code cloudwarden events PATH...}: read logs, print normalized events, summarise on stderr. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = {"Reads logs (files, directories, .gz, - for stdin) of every supported source and prints "
                + "them as normalized events. A summary goes to stderr.",
                "Exit code: 0 all input read, 3 some lines were rejected (see the errors and the quarantine file), "
                        + "2 usage error."})
public final class EventsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Log files or directories; - reads stdin.")
    List<String> paths;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "table, json (normalized NDJSON) or ocsf (OCSF 1.1 NDJSON). Default: table on a terminal, json otherwise.")
    EventWriter.Format format;

    @Option(names = "--source", paramLabel = "TYPE",
            description = "Parse every input as this source instead of detecting it: ${COMPLETION-CANDIDATES}.",
            completionCandidates = SourceIds.class)
    String source;

    @Option(names = "--logsource", paramLabel = "PRODUCT/SERVICE",
            description = "Sigma logsource of generic JSON records, e.g. okta/okta or github/audit.")
    String logSource;

    @Option(names = "--raw", description = "Include the original record in json/ocsf output.")
    boolean raw;

    @Option(names = "--quarantine", paramLabel = "FILE", defaultValue = "cloudwarden-quarantine.ndjson",
            description = "Where rejected lines go, with file, line and reason (created only if something is rejected). Default: ${DEFAULT-VALUE}.")
    Path quarantine;

    @Option(names = "--max-line-bytes", paramLabel = "N", defaultValue = "" + IngestOptions.DEFAULT_MAX_LINE_BYTES,
            description = "Reject lines and JSON records longer than this. Default: ${DEFAULT-VALUE}.")
    int maxLineBytes;

    @Option(names = "--max-depth", paramLabel = "N", defaultValue = "" + Json.DEFAULT_DEPTH,
            description = "Reject JSON nested deeper than this. Default: ${DEFAULT-VALUE}.")
    int maxDepth;

    @Option(names = "--max-errors", paramLabel = "N", defaultValue = "20",
            description = "Print at most N rejection messages (all are counted and quarantined). Default: ${DEFAULT-VALUE}.")
    int maxErrors;

    @Option(names = "--progress", negatable = true,
            description = "Show a progress bar (default: only when attached to a terminal).")
    Boolean progress;

    @Override
    public Integer call() throws IOException {
        IngestOptions options = options();
        List<Input> inputs;
        try {
            inputs = Input.expand(paths, () -> System.in, Instant.now());
        } catch (FileNotFoundException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EventWriter.Format chosen = format != null ? format
                : Terminal.stdoutIsTerminal() ? EventWriter.Format.table : EventWriter.Format.json;
        long start = System.nanoTime();
        IngestStats stats;
        try (EventWriter writer = EventWriters.create(chosen, out, raw);
             Quarantine q = new Quarantine(quarantine);
             Progress bar = Progress.create(progress != null ? progress : Terminal.stderrIsTerminal(), inputs)) {
            ConsoleSink sink = new ConsoleSink(writer, q, err, maxErrors, bar);
            stats = new IngestStats(sink);
            new Ingestor(options).read(inputs, stats);
            sink.finish();
        }
        out.flush();
        Summary.print(err, stats, System.nanoTime() - start, quarantine);
        return stats.rejected() > 0 ? CloudWardenCli.EXIT_REJECTED_INPUT : CloudWardenCli.EXIT_OK;
    }

    private IngestOptions options() {
        IngestOptions options = IngestOptions.defaults();
        try {
            options = options.withMaxLineBytes(maxLineBytes).withMaxDepth(maxDepth);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (source != null) {
            SourceType type = SourceType.byId(source).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "unknown --source '" + source + "'; known: " + String.join(", ", SourceType.ids())));
            options = options.withForcedSource(type);
        }
        if (logSource != null) {
            try {
                options = options.withLogSource(LogSource.parse(logSource));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        return options;
    }

    /** Source ids for help text and shell completion. */
    static final class SourceIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return SourceType.ids().iterator();
        }
    }
}
