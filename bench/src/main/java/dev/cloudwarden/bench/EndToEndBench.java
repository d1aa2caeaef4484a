package dev.cloudwarden.bench;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.read.Input;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.load.RuleTuning;
import dev.cloudwarden.simulate.Simulation;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * End-to-end scan of a mixed simulation (every catalog scenario in benign traffic of all log types) with the
 * full built-in pack and SigmaHQ's cloud rules: events/s and peak heap, next to reading and parsing alone
 * in the same run. Run it at two sizes to see whether the heap grows with input length: "peak heap" is the
 * pools' peak use, garbage included (it follows the collector's mood and -Xmx); the last, untimed round forces a
 * full collection every two seconds and reports the largest live heap, which is what the operators really hold.
 */
final class EndToEndBench {
    private EndToEndBench() {
    }

    static void run(String[] args) throws IOException {
        long events = 1_000_000;
        int threads = 1;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--events")) {
                events = Long.parseLong(args[++i]);
            } else if (args[i].equals("--threads")) {
                threads = Integer.parseInt(args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        // a day per million events: the same event rate and entities at every size, so only the length grows
        long days = Math.max(1, events / 1_000_000);
        Path dir = Path.of("bench-data", "simulation-" + events + "-" + days + "d");
        Path logs = dir.resolve("logs");
        if (!Files.isDirectory(logs)) {
            System.out.printf(Locale.ROOT, "simulating %,d background events over %d days into %s...%n", events, days, dir);
            new Simulation(1, Instant.parse("2026-11-01T00:00:00Z"), Duration.ofDays(days)).write(dir, Simulation.allScenarios(), events);
        }
        List<Input> inputs = Input.expand(List.of(logs.toString()), () -> System.in, Instant.now());
        long bytes = inputs.stream().mapToLong(Input::size).sum();
        RuleSet rules = RuleSet.compile(RuleFiles.builtIn(), SigmaConfig.defaults(), RuleTuning.builtIn());
        System.out.printf(Locale.ROOT, "%,d bytes in %d files; %d rules, %d correlations; java %s, max heap %,d MB%n",
                bytes, inputs.size(), rules.rules().size(), rules.correlations().size(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        // the scan's defaults: every rule, behavior, grouping, incidents; inputs merged by event time as scan reads them
        RunConfig config = RunConfig.of(rules).withIncidents(RunConfig.Incidents.defaults()).withThreads(threads);
        for (int round = 0; round < 2; round++) {
            resetPeaks();
            long t0 = System.nanoTime();
            long parsed = BenchInputs.read(inputs, IngestOptions.defaults(), e -> { });
            double parseS = (System.nanoTime() - t0) / 1e9;
            long parsePeak = peakHeap();
            resetPeaks();
            // inputs are merged by event time, as scan reads them, so an hour of lateness is enough
            long[] alerts = {0};
            t0 = System.nanoTime();
            long scanned = BenchInputs.scan(inputs, config, a -> alerts[0]++);
            double scanS = (System.nanoTime() - t0) / 1e9;
            long scanPeak = peakHeap();
            System.out.printf(Locale.ROOT, "round %d: parse only %,d events in %.2f s (%,.0f ev/s, peak heap %,d MB); "
                            + "scan %,d events in %.2f s (%,.0f ev/s, peak heap %,d MB, %,d alerts)%n", round, parsed, parseS,
                    parsed / parseS, parsePeak >> 20, scanned, scanS, scanned / scanS, scanPeak >> 20, alerts[0]);
        }
        LiveHeap live = LiveHeap.start();
        long parsedLive = BenchInputs.read(inputs, IngestOptions.defaults(), e -> { });
        long parseLive = live.stop();
        live = LiveHeap.start();
        long scannedLive = BenchInputs.scan(inputs, config, a -> { });
        long scanLive = live.stop();
        System.out.printf(Locale.ROOT, "memory round (a full GC every 2 s): largest live heap %,d MB parsing %,d events, "
                + "%,d MB scanning %,d%n", parseLive >> 20, parsedLive, scanLive >> 20, scannedLive);
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peak usage since the last reset (an upper bound of the live peak). */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
