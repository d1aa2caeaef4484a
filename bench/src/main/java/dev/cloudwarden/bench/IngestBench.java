package dev.cloudwarden.bench;

import com.fasterxml.jackson.core.JsonParser;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.IngestSink;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.Rejection;
import dev.cloudwarden.engine.ingest.read.Input;
import dev.cloudwarden.simulate.CloudTrailGenerator;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Parse + normalize throughput on one thread over a CloudTrail NDJSON file, against the baseline of
 * Jackson's streaming parser merely tokenizing the same file. Rounds alternate between the two so both
 * see the same machine state; the median round is reported.
 */
final class IngestBench {
    private IngestBench() {
    }

    static void run(String[] args) throws IOException {
        BenchArgs opts = BenchArgs.parse(args, 5);
        int rounds = opts.rounds();
        Path file = opts.file();
        long bytes = Files.size(file);
        System.out.printf(Locale.ROOT, "file %s: %,d bytes%n", file, bytes);
        System.out.printf(Locale.ROOT, "java %s, %d cpus%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        List<Double> tokenize = new ArrayList<>();
        List<Double> ingest = new ArrayList<>();
        long count = 0;
        for (int r = -1; r < rounds; r++) { // round -1 warms up both
            long t0 = System.nanoTime();
            long tokens = tokenize(file);
            long t1 = System.nanoTime();
            count = ingest(file);
            long t2 = System.nanoTime();
            if (r >= 0) {
                tokenize.add((t1 - t0) / 1e9);
                ingest.add((t2 - t1) / 1e9);
            }
            System.out.printf(Locale.ROOT, "round %d: tokenize %.2f s (%,d tokens), ingest %.2f s (%,d events)%n",
                    r, (t1 - t0) / 1e9, tokens, (t2 - t1) / 1e9, count);
        }
        double tk = BenchStats.median(tokenize);
        double in = BenchStats.median(ingest);
        double tkBest = Collections.min(tokenize);
        double inBest = Collections.min(ingest);
        System.out.printf(Locale.ROOT, "%n%-40s %14s %8s %14s %8s%n", rounds + " rounds after a warm-up round",
                "median ev/s", "MB/s", "best ev/s", "MB/s");
        System.out.printf(Locale.ROOT, "%-40s %,14.0f %8.1f %,14.0f %8.1f%n", "baseline: Jackson tokenizing",
                count / tk, bytes / tk / 1e6, count / tkBest, bytes / tkBest / 1e6);
        System.out.printf(Locale.ROOT, "%-40s %,14.0f %8.1f %,14.0f %8.1f%n", "CloudWarden: read + parse + normalize",
                count / in, bytes / in / 1e6, count / inBest, bytes / inBest / 1e6);
        System.out.printf(Locale.ROOT, "ratio to the baseline: %.0f%% (medians), %.0f%% (best rounds)%n",
                100 * tk / in, 100 * tkBest / inBest);
    }

    /** The given file, or the generated one for that many events (generated on first use). */
    static Path dataFile(Path file, long events) throws IOException {
        Path f = file != null ? file : Path.of("bench-data", "cloudtrail-" + events + ".jsonl");
        if (!Files.exists(f)) {
            generate(f, events);
        }
        return f;
    }

    private static void generate(Path file, long events) throws IOException {
        System.out.printf(Locale.ROOT, "generating %,d CloudTrail records into %s...%n", events, file);
        CloudTrailGenerator gen = new CloudTrailGenerator(1, Instant.parse("2026-11-01T00:00:00Z"));
        BenchInputs.writeLines(file, events, gen::next);
    }

    /** Every token of every record, as a streaming consumer that reads nothing would see them. */
    static long tokenize(Path file) throws IOException {
        long tokens = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
             JsonParser p = Json.FACTORY.createParser(in)) {
            while (p.nextToken() != null) {
                tokens++;
            }
        }
        return tokens;
    }

    static long ingest(Path file) {
        CountingSink sink = new CountingSink();
        new Ingestor(IngestOptions.defaults()).read(Input.file(file), sink);
        if (sink.rejected > 0) {
            throw new IllegalStateException(sink.rejected + " records rejected; first: " + sink.first);
        }
        return sink.events;
    }

    private static final class CountingSink implements IngestSink {
        long events;
        long rejected;
        String first;
        long checksum;

        @Override
        public void onEvent(Event event) {
            events++;
            checksum += event.time().getEpochSecond() + event.operation().name().length(); // keep the work observable
        }

        @Override
        public void onRejected(Rejection rejection) {
            if (rejected++ == 0) {
                first = rejection.message();
            }
        }
    }
}
