package dev.cloudwarden.app.cli;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.IngestStats;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.TimeOrderedReader;
import dev.cloudwarden.engine.ingest.read.Input;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/**
 * Reads the given paths as the {@link IngestMixin} options say, with quarantine, error lines, progress and
 * the summary on stderr, handing each event to the command.
 */
final class IngestRun {
    /** What the command does with each event; {@code finish} runs before the summary is printed. */
    @FunctionalInterface
    interface EventConsumer {
        void accept(Event event) throws IOException;

        default void finish() throws IOException {
        }
    }

    private IngestRun() {
    }

    /** Reads the inputs one after another, each NDJSON input's records parsed on every core. */
    static IngestStats run(IngestMixin mixin, List<String> paths, CommandSpec spec, EventConsumer consumer)
            throws IOException {
        return run(mixin, paths, spec, null, Runtime.getRuntime().availableProcessors(), false, consumer);
    }

    /**
     * As above, also reading {@code readAhead} fields while parsing (for the rules), with the inputs read at once
     * and merged by event time ({@link TimeOrderedReader}), so stateful detections keep bounded state; a single
     * NDJSON input has its records parsed on {@code parseThreads} threads.
     */
    static IngestStats run(IngestMixin mixin, List<String> paths, CommandSpec spec,
                           dev.cloudwarden.engine.ingest.json.ReadAhead readAhead, int parseThreads,
                           EventConsumer consumer) throws IOException {
        return run(mixin, paths, spec, readAhead, parseThreads, true, consumer);
    }

    private static IngestStats run(IngestMixin mixin, List<String> paths, CommandSpec spec,
                                   dev.cloudwarden.engine.ingest.json.ReadAhead readAhead, int parseThreads,
                                   boolean byTime, EventConsumer consumer) throws IOException {
        IngestOptions options = mixin.options(spec).withReadAhead(readAhead).withParseThreads(parseThreads);
        List<Input> inputs;
        try {
            inputs = Input.expand(paths, () -> System.in, Instant.now());
        } catch (FileNotFoundException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        IngestStats stats;
        try (Quarantine q = new Quarantine(mixin.quarantine);
             Progress bar = Progress.create(mixin.progress != null ? mixin.progress : Terminal.stderrIsTerminal(), inputs)) {
            ConsoleSink sink = new ConsoleSink(consumer, q, err, mixin.maxErrors, bar);
            stats = new IngestStats(sink);
            Ingestor ingestor = new Ingestor(options);
            if (byTime) {
                new TimeOrderedReader(ingestor).read(TimeOrderedReader.lanes(inputs), stats);
            } else {
                ingestor.read(inputs, stats);
            }
            sink.finish();
            consumer.finish();
        }
        spec.commandLine().getOut().flush();
        Summary.print(err, stats, System.nanoTime() - start, mixin.quarantine);
        return stats;
    }
}
