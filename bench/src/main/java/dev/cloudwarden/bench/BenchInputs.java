package dev.cloudwarden.bench;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.ingest.IngestStats;
import dev.cloudwarden.engine.run.DetectionRun;
import dev.cloudwarden.engine.run.FileSource;
import dev.cloudwarden.engine.run.IncidentSink;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.IngestSink;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.Rejection;
import dev.cloudwarden.engine.ingest.TimeOrderedReader;
import dev.cloudwarden.engine.ingest.read.Input;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Benchmark inputs: generated into files, and read as {@code scan} reads them (merged by event time). */
final class BenchInputs {
    private BenchInputs() {
    }

    /** Writes {@code n} generated lines into {@code file}, creating its folder. */
    static void writeLines(Path file, long n, Supplier<String> next) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long i = 0; i < n; i++) {
                w.write(next.get());
                w.write('\n');
            }
        }
    }

    /** Hands every event to {@code onEvent} and returns how many there were; a rejection fails the benchmark. */
    static long read(List<Input> inputs, IngestOptions options, Consumer<Event> onEvent) {
        long[] n = {0};
        new TimeOrderedReader(new Ingestor(options)).read(TimeOrderedReader.lanes(inputs), new IngestSink() {
            @Override
            public void onEvent(Event event) {
                n[0]++;
                onEvent.accept(event);
            }

            @Override
            public void onRejected(Rejection rejection) {
                throw new IllegalStateException(rejection.message());
            }
        });
        return n[0];
    }

    /**
     * Runs the inputs through a detection run of {@code config} to the end, alerts to {@code onAlert}; returns the
     * events read. A rejection fails the benchmark.
     */
    static long scan(List<Input> inputs, RunConfig config, Consumer<Alert> onAlert) {
        try (DetectionRun run = new DetectionRun(config, onAlert::accept, IncidentSink.NONE)) {
            IngestStats stats = FileSource.read(run, inputs, IngestOptions.defaults(), r -> {
                throw new IllegalStateException(r.message());
            });
            run.finish();
            return stats.events();
        }
    }
}
