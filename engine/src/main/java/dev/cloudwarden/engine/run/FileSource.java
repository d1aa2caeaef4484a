package dev.cloudwarden.engine.run;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.IngestSink;
import dev.cloudwarden.engine.ingest.IngestStats;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.Rejection;
import dev.cloudwarden.engine.ingest.TimeOrderedReader;
import dev.cloudwarden.engine.ingest.read.Input;

import java.util.List;
import java.util.function.Consumer;

/**
 * Files (and stdin) as a run's source: read at once and merged by event time ({@link TimeOrderedReader}), with the
 * run's read-ahead fields and its thread count for parsing a single NDJSON input, every event into the run.
 * Rejected lines go to the caller, which reports them; nothing else is decided here. The CLI adds quarantine,
 * progress and a summary around the same reading.
 */
public final class FileSource {
    private FileSource() {
    }

    /** Reads {@code inputs} into {@code run} (which the caller finishes); returns what was read. */
    public static IngestStats read(DetectionRun run, List<Input> inputs, IngestOptions options,
                                   Consumer<Rejection> rejected) {
        IngestStats stats = new IngestStats(into(run, rejected));
        new TimeOrderedReader(new Ingestor(options.withReadAhead(run.readAhead())
                .withParseThreads(run.config().threads())))
                .read(TimeOrderedReader.lanes(inputs), stats);
        return stats;
    }

    /** An ingest sink handing events to the run and rejections to {@code rejected}. */
    public static IngestSink into(DetectionRun run, Consumer<Rejection> rejected) {
        return new IngestSink() {
            @Override
            public void onEvent(Event event) {
                run.accept(event);
            }

            @Override
            public void onRejected(Rejection rejection) {
                rejected.accept(rejection);
            }

            @Override
            public void onSkipped(Origin origin, String reason) {
            }

            @Override
            public void onInputStart(String input, String format, SourceType source) {
            }
        };
    }
}
