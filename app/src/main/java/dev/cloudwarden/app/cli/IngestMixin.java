package dev.cloudwarden.app.cli;

import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.LogSource;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.IngestOptions;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;

/** The reading options every command that reads logs shares ({@code events}, {@code scan}). */
public final class IngestMixin {
    @Option(names = "--source", paramLabel = "TYPE",
            description = "Parse every input as this source instead of detecting it: ${COMPLETION-CANDIDATES}.",
            completionCandidates = SourceIds.class)
    String source;

    @Option(names = "--logsource", paramLabel = "PRODUCT/SERVICE",
            description = "Sigma logsource of generic JSON records, e.g. okta/okta or github/audit.")
    String logSource;

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
            description = "Show a progress bar (default: only when stderr is a terminal).")
    Boolean progress;

    IngestOptions options(CommandSpec spec) {
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
