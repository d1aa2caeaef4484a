package dev.cloudwarden.bench;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.read.Input;
import dev.cloudwarden.engine.intel.match.IntelIndex;
import dev.cloudwarden.engine.intel.starter.StarterIntel;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.load.RuleTuning;
import dev.cloudwarden.simulate.AuthLogGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Host logs (issue 8): the default scan of an auth.log against parsing it alone, in the same run. Parse only is
 * reading, parsing and normalizing every line, the events dropped; the scan is what {@code cloudwarden scan auth.log}
 * runs: the built-in rules and correlations, the behavioral detectors, the starter intel, grouping, on as many
 * detection threads as cores ({@code --incidents} adds incidents as {@code scan --incidents} builds them). Both read
 * the file as {@code scan} does (merged by time through {@code FileSource}'s reader). Rounds alternate which goes
 * first; medians of the measured rounds, wall time and the process's CPU time per line (which other processes on
 * the machine do not inflate). Goal: the scan at 70% or more of parse-only throughput.
 */
final class AuthLogBench {
    private AuthLogBench() {
    }

    static void run(String[] args) throws IOException {
        long lines = 300_000;
        int rounds = 5;
        Path file = null;
        Integer threads = null;
        boolean incidents = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> lines = Long.parseLong(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--file" -> file = Path.of(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--incidents" -> incidents = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path f = file != null ? file : Path.of("bench-data", "auth-" + lines + ".log");
        if (!Files.exists(f)) {
            generate(f, lines);
        }
        List<Input> inputs = List.of(Input.file(f));
        RuleSet rules = RuleSet.compile(RuleFiles.builtIn(), SigmaConfig.defaults(), RuleTuning.builtIn());
        IntelIndex intel = IntelIndex.of(StarterIntel.indicators());
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        // as scan's RunMixin configures it: defaults, starter intel, detection on every core
        RunConfig config = RunConfig.of(rules).withIntel(intel).withThreads(n);
        if (incidents) {
            config = config.withIncidents(RunConfig.Incidents.defaults());
        }
        System.out.printf(Locale.ROOT, "%s: %,d bytes; %d rules, %d correlations, %,d intel indicators, %d detection "
                        + "threads%s; java %s, %d cores%n", f, Files.size(f), rules.rules().size(), rules.correlations().size(),
                intel.size(), n, incidents ? ", incidents" : "", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        RunConfig scanConfig = config;
        List<Pass> parses = new ArrayList<>();
        List<Pass> scans = new ArrayList<>();
        for (int round = -1; round < rounds; round++) { // round -1 warms up both
            boolean scanFirst = round % 2 != 0;
            Pass scan = scanFirst ? scan(inputs, scanConfig) : null;
            Pass parse = measure(() -> new long[]{BenchInputs.read(inputs, IngestOptions.defaults(), e -> { }), 0, 0});
            scan = scanFirst ? scan : scan(inputs, scanConfig);
            System.out.printf(Locale.ROOT, "round %d: parse only %,.0f lines/s (%.2f us CPU/line); scan %,.0f lines/s "
                            + "(%.2f us CPU/line, %,d alerts, digest %08x): %.0f%% of parse only%n", round, parse.rate(),
                    parse.cpuMicros(), scan.rate(), scan.cpuMicros(), scan.alerts, scan.digest, 100 * scan.rate() / parse.rate());
            if (round >= 0) {
                parses.add(parse);
                scans.add(scan);
            }
        }
        double parseRate = BenchStats.median(parses.stream().map(Pass::rate).toList());
        double scanRate = BenchStats.median(scans.stream().map(Pass::rate).toList());
        System.out.printf(Locale.ROOT, "%nmedians of %d rounds after a warm-up round (%,d lines):%n", rounds, parses.get(0).events);
        System.out.printf(Locale.ROOT, "  parse only: %,.0f lines/s, %.2f us CPU/line%n", parseRate,
                BenchStats.median(parses.stream().map(Pass::cpuMicros).toList()));
        System.out.printf(Locale.ROOT, "  scan:       %,.0f lines/s, %.2f us CPU/line%n", scanRate,
                BenchStats.median(scans.stream().map(Pass::cpuMicros).toList()));
        System.out.printf(Locale.ROOT, "  scan / parse only: %.0f%% (medians); per round: %s%n", 100 * scanRate / parseRate,
                perRound(parses, scans));
    }

    private static void generate(Path file, long lines) throws IOException {
        System.out.printf(Locale.ROOT, "generating %,d auth.log lines into %s...%n", lines, file);
        AuthLogGenerator gen = new AuthLogGenerator(1, Instant.parse("2026-11-01T00:00:00Z"));
        BenchInputs.writeLines(file, lines, gen::next);
    }

    /** A scan to the end; the digest over the alerts' ids and counts tells whether two builds found the same. */
    private static Pass scan(List<Input> inputs, RunConfig config) {
        return measure(() -> {
            long[] out = {0, 0, 0};
            out[0] = BenchInputs.scan(inputs, config, a -> {
                out[1]++;
                out[2] = 31 * out[2] + digest(a);
            });
            return out;
        });
    }

    private static long digest(Alert a) {
        return a.id().hashCode() * 31L + a.occurrences().count();
    }

    /** Runs a pass that returns {events, alerts, digest}. */
    private static Pass measure(Supplier<long[]> pass) {
        double cpu0 = BenchStats.processCpuSeconds();
        long t0 = System.nanoTime();
        long[] r = pass.get();
        return new Pass(r[0], (System.nanoTime() - t0) / 1e9, BenchStats.processCpuSeconds() - cpu0, r[1], (int) (r[2] ^ r[2] >>> 32));
    }

    /** @param cpuSeconds the whole process's CPU time: reader and detection threads, and the collector */
    private record Pass(long events, double seconds, double cpuSeconds, long alerts, int digest) {
        double rate() {
            return events / seconds;
        }

        double cpuMicros() {
            return cpuSeconds * 1e6 / events;
        }
    }

    private static String perRound(List<Pass> parses, List<Pass> scans) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < parses.size(); i++) {
            out.add(String.format(Locale.ROOT, "%.0f%%", 100 * scans.get(i).rate() / parses.get(i).rate()));
        }
        return String.join(", ", out);
    }

}
