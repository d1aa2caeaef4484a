package dev.cloudwarden.bench;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.IngestSink;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.Rejection;
import dev.cloudwarden.engine.ingest.read.Input;
import dev.cloudwarden.engine.behavior.BehaviorConfig;
import dev.cloudwarden.engine.run.AlertGrouping;
import dev.cloudwarden.engine.run.DetectionRun;
import dev.cloudwarden.engine.run.IncidentSink;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleFile;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import dev.cloudwarden.engine.sigma.load.RuleSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Rule matching throughput on one thread with every shipped SigmaHQ aws/cloudtrail rule, over the same
 * generated CloudTrail file as the ingest bench: (a) Jackson tokenizing, (b) CloudWarden's compiled,
 * indexed detector, (c) the reference interpreter (every rule on every event, full parse). The match
 * counts of (b) and (c) must be equal.
 */
final class ScanBench {
    private ScanBench() {
    }

    static void run(String[] args) throws IOException {
        BenchArgs opts = BenchArgs.parse(args, 3);
        int rounds = opts.rounds();
        Path file = opts.file();
        List<RuleFile> aws = RuleFiles.builtIn().stream().filter(f -> f.name().contains("/aws/cloudtrail/")).toList();
        RuleSet rules = RuleSet.compile(aws, SigmaConfig.defaults());
        if (!rules.errors().isEmpty()) {
            throw new IllegalStateException("rule errors: " + rules.errors());
        }
        long bytes = Files.size(file);
        System.out.printf(Locale.ROOT, "file %s: %,d bytes; %d aws/cloudtrail rules%n", file, bytes, rules.rules().size());
        System.out.printf(Locale.ROOT, "java %s, %d cpus%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        Path f = file;
        Map<String, List<Double>> times = new TreeMap<>();
        Map<String, Long> matches = new TreeMap<>();
        long[] count = new long[1];
        Map<String, LongSupplier> runs = new java.util.LinkedHashMap<>();
        runs.put("a. Jackson tokenizing (baseline)", () -> uncheck(() -> IngestBench.tokenize(f)));
        runs.put("b. CloudWarden scan (compiled, indexed)", () -> compiled(f, rules, count));
        runs.put("c. reference interpreter (every rule)", () -> reference(f, rules, count));
        String sql = duckDbQuery(f, rules);
        runs.put("d. DuckDB, converted SQL, threads=1", () -> duckDb(sql));
        for (int r = -1; r < rounds; r++) {
            for (Map.Entry<String, LongSupplier> run : runs.entrySet()) {
                long t0 = System.nanoTime();
                long m = run.getValue().getAsLong();
                double s = (System.nanoTime() - t0) / 1e9;
                if (r >= 0) {
                    times.computeIfAbsent(run.getKey(), k -> new ArrayList<>()).add(s);
                }
                if (!run.getKey().startsWith("a.")) {
                    matches.put(run.getKey(), m);
                }
                System.out.printf(Locale.ROOT, "round %d: %-42s %6.2f s%s%n", r, run.getKey(), s,
                        run.getKey().startsWith("a.") ? "" : String.format(Locale.ROOT, " (%,d matches)", m));
            }
        }
        long n = count[0] / (rounds + 1) / 2;
        System.out.printf(Locale.ROOT, "%n%-44s %14s %8s %14s%n", rounds + " rounds after a warm-up round", "median ev/s", "MB/s", "best ev/s");
        for (Map.Entry<String, List<Double>> t : times.entrySet()) {
            List<Double> sorted = new ArrayList<>(t.getValue());
            Collections.sort(sorted);
            double med = sorted.get(sorted.size() / 2);
            double best = sorted.get(0);
            System.out.printf(Locale.ROOT, "%-44s %,14.0f %8.1f %,14.0f%n", t.getKey(), n / med, bytes / med / 1e6, n / best);
        }
        System.out.println("match counts: " + matches + (matches.values().stream().distinct().count() == 1 ? " (equal)" : " (DIFFERENT)"));
    }

    /** One query counting every rule's matches, as {@code cloudwarden rules convert --input FILE} prints it. */
    private static String duckDbQuery(Path file, RuleSet rules) {
        var converter = new dev.cloudwarden.engine.sigma.convert.DuckDbConverter(SigmaConfig.defaults());
        List<dev.cloudwarden.engine.sigma.convert.ConvertedRule> converted = new ArrayList<>();
        for (LoadedRule r : rules.rules()) {
            try {
                converted.add(new dev.cloudwarden.engine.sigma.convert.ConvertedRule(r.key(), converter.condition(r.rule())));
            } catch (Exception e) {
                throw new IllegalStateException("rule does not convert: " + e.getMessage(), e);
            }
        }
        return dev.cloudwarden.engine.sigma.convert.DuckDbConverter.countQuery(file.toAbsolutePath().toString(), converted);
    }

    private static long duckDb(String sql) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.Statement st = c.createStatement()) {
            st.execute("SET threads = 1");
            try (java.sql.ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                long total = 0;
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    total += rs.getLong(i);
                }
                return total;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long compiled(Path file, RuleSet rules, long[] count) {
        // the rules alone: no baselines, every match an alert of its own, as the other passes count
        RunConfig config = RunConfig.of(rules).withBehavior(BehaviorConfig.disabled()).withGrouping(AlertGrouping.off());
        long[] m = new long[1];
        try (DetectionRun run = new DetectionRun(config, a -> m[0]++, IncidentSink.NONE)) {
            read(file, IngestOptions.defaults().withReadAhead(run.readAhead()), e -> {
                count[0]++;
                run.accept(e);
            });
            run.finish();
        }
        return m[0];
    }

    private static long reference(Path file, RuleSet rules, long[] count) {
        long[] m = new long[1];
        read(file, IngestOptions.defaults(), e -> {
            count[0]++;
            RawRecord raw = RawRecord.ofJson(e.raw().jsonBytes()); // fresh: no read-ahead, tree built once
            for (LoadedRule r : rules.rules()) {
                if (r.evaluator().matches(raw)) {
                    m[0]++;
                }
            }
        });
        return m[0];
    }

    private static void read(Path file, IngestOptions options, java.util.function.Consumer<Event> onEvent) {
        new Ingestor(options).read(Input.file(file), new IngestSink() {
            @Override
            public void onEvent(Event event) {
                onEvent.accept(event);
            }

            @Override
            public void onRejected(Rejection rejection) {
                throw new IllegalStateException(rejection.message());
            }
        });
    }

    private interface IoSupplier {
        long get() throws IOException;
    }

    private static long uncheck(IoSupplier s) {
        try {
            return s.get();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
