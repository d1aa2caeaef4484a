package dev.cloudwarden.bench;

import dev.cloudwarden.engine.behavior.BehaviorConfig;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.read.Input;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocType;
import dev.cloudwarden.engine.intel.match.IntelDetector;
import dev.cloudwarden.engine.intel.match.IntelIndex;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.load.RuleTuning;
import dev.cloudwarden.simulate.Simulation;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Threat intel at scale (issue 5): 1,000,000 generated indicators of mixed types indexed, and CloudTrail plus VPC
 * flow events from the simulator scanned with and without them in the same run.
 *
 * <ul>
 *   <li><b>Indicators</b>: generated deterministically as feeds give them (values normalized, ids derived, each with
 *       its own label list): 30% IPv4 addresses, 5% IPv6 addresses, 8% IPv4 CIDRs (/16-/30, mostly /24), 2% IPv6
 *       CIDRs, 30% domains, 10% URLs, 5% SHA-256, 3% MD5, 2% SHA-1, 5% AWS access keys; public address space only,
 *       as feeds list it. Timed: creating them (normalization and ids, what a feed reader does) and building the
 *       index (three builds; the first is cold).</li>
 *   <li><b>Memory</b>: live heap after a full collection before the indicators exist, with the indicators in a list,
 *       and with only the index holding them: bytes per indicator, total and for the index's own tables.</li>
 *   <li><b>Throughput</b>: the simulation's CloudTrail and flow-log files only, read merged by time; per round: parse
 *       only, parse + intel, full scan (289 rules, correlations, behavioral detectors), full scan + intel.</li>
 * </ul>
 */
final class IntelBench {
    private static final String[] TLDS = {"com", "net", "org", "ru", "cn", "top", "xyz", "info", "io", "co.kr", "de", "biz"};
    private static final String[] FEEDS = {"misp:circl-osint", "taxii:partner/indicators", "abuse.ch:feodo",
            "otx:pulses", "csv:blocklist"};
    private static final List<List<String>> LABELS = List.of(List.of("cloudwarden.a3", "attack.t1496", "mining-pool"),
            List.of("attack.t1071.001", "malware:rokrat", "cloudwarden.m6"), List.of("malicious-activity"),
            List.of("attack.t1110", "scanner"), List.of("cloudwarden.m3", "malware:aesddos"));

    private static final int SAMPLE = 200_000;

    private IntelBench() {
    }

    static void run(String[] args) throws IOException {
        int iocs = 1_000_000;
        long events = 1_000_000;
        int rounds = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--iocs" -> iocs = Integer.parseInt(args[++i]);
                case "--events" -> events = Long.parseLong(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "java %s, max heap %,d MB, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());

        // ---- indicators: creation, index build, memory ----
        long h0 = liveHeap();
        long t0 = System.nanoTime();
        List<Indicator> indicators = generate(iocs, new Random(1));
        double createS = (System.nanoTime() - t0) / 1e9;
        long h1 = liveHeap();
        IntelIndex index = null;
        double[] buildS = new double[3];
        for (int b = 0; b < buildS.length; b++) {
            index = null;
            liveHeap();
            t0 = System.nanoTime();
            index = IntelIndex.of(indicators);
            buildS[b] = (System.nanoTime() - t0) / 1e9;
        }
        long h2 = liveHeap();
        indicators = null; // from here only the index holds them
        long h3 = liveHeap();
        System.out.printf(Locale.ROOT, "%,d indicators created (normalized, ids derived) in %.2f s; index built in %.2f s "
                + "(cold), %.2f s, %.2f s%n", index.size(), createS, buildS[0], buildS[1], buildS[2]);
        for (IocType t : IocType.values()) {
            System.out.printf(Locale.ROOT, "  %-15s %,9d%n", t.id(), index.count(t));
        }
        System.out.printf(Locale.ROOT, "live heap: %,d MB before; %,d MB with the indicators in a list (%.0f B/indicator); "
                        + "%,d MB with list and index; %,d MB with the index alone: %.0f B/indicator in all, of which %.0f B "
                        + "the index's tables%n", h0 >> 20, h1 >> 20, (double) (h1 - h0) / iocs, h2 >> 20, h3 >> 20,
                (double) (h3 - h0) / iocs, (double) (h2 - h1) / iocs);

        // ---- throughput ----
        Path dir = Path.of("bench-data", "simulation-intel-" + events);
        Path logs = dir.resolve("logs");
        if (!Files.isDirectory(logs)) {
            long background = events * 5 / 4; // CloudTrail and flow logs are 80% of the background
            System.out.printf(Locale.ROOT, "simulating %,d background events into %s...%n", background, dir);
            new Simulation(1, Instant.parse("2026-11-01T00:00:00Z"), Duration.ofDays(1))
                    .write(dir, Simulation.allScenarios(), background);
        }
        List<Input> inputs = Input.expand(List.of(logs.resolve("cloudtrail").toString(), logs.resolve("vpcflow").toString()),
                () -> System.in, Instant.now());
        long bytes = inputs.stream().mapToLong(Input::size).sum();
        RuleSet rules = RuleSet.compile(RuleFiles.builtIn(), SigmaConfig.defaults(), RuleTuning.builtIn());
        System.out.printf(Locale.ROOT, "%,d bytes in %d files; %d rules, %d correlations%n", bytes, inputs.size(),
                rules.rules().size(), rules.correlations().size());
        IntelIndex intel = index;
        // The matcher alone, over events parsed once and kept in memory: its cost per event without reading noise.
        List<Event> sample = new ArrayList<>();
        BenchInputs.read(inputs, IngestOptions.defaults(), e -> {
            if (sample.size() < SAMPLE) {
                sample.add(e);
            }
        });
        java.util.Map<String, Long> hitsByRule = new java.util.TreeMap<>();
        for (int round = 0; round <= rounds; round++) {
            String label = round == 0 ? "warm-up" : "round " + round;
            long[] intelAlerts = {0};
            // with and without intel alternate which goes first, so that neither always runs on a warmer JIT
            boolean intelFirst = round % 2 == 1;
            IntelDetector detector = new IntelDetector(intel);
            Consumer<Event> matchOnly = e -> detector.process(e, a -> intelAlerts[0]++);
            Pass parseIntel = intelFirst ? pass(inputs, IngestOptions.defaults(), matchOnly) : null;
            Pass parse = pass(inputs, IngestOptions.defaults(), e -> { });
            parseIntel = intelFirst ? parseIntel : pass(inputs, IngestOptions.defaults(), matchOnly);
            Pass scanIntel = intelFirst ? scan(inputs, rules, intel) : null;
            Pass scan = scan(inputs, rules, null);
            scanIntel = intelFirst ? scanIntel : scan(inputs, rules, intel);
            double[] matchNs = new double[3];
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int k = 0; k < matchNs.length; k++) {
                IntelDetector d = new IntelDetector(intel);
                long c0 = threads.getCurrentThreadCpuTime();
                for (Event e : sample) {
                    d.process(e, a -> { });
                }
                matchNs[k] = (threads.getCurrentThreadCpuTime() - c0) / (double) sample.size();
            }
            java.util.Arrays.sort(matchNs);
            System.out.printf(Locale.ROOT, "%s: wall ev/s: parse %,.0f, parse+intel %,.0f (%d intel alerts), scan %,.0f (%,d alerts), "
                            + "scan+intel %,.0f (%,d alerts): %.1f%% fewer with intel%n"
                            + "  CPU us/event (process): parse %.2f, parse+intel %.2f, scan %.2f, scan+intel %.2f: intel adds %.1f%% "
                            + "to the scan's CPU; matcher alone over %,d events in memory: %,.0f ns CPU/event (median of 3) = "
                            + "%.1f%% of the scan's CPU per event%n",
                    label, parse.rate(), parseIntel.rate(), intelAlerts[0], scan.rate(), scan.alerts, scanIntel.rate(),
                    scanIntel.alerts, 100 * (1 - scanIntel.rate() / scan.rate()),
                    parse.cpuMicros(), parseIntel.cpuMicros(), scan.cpuMicros(), scanIntel.cpuMicros(),
                    100 * (scanIntel.cpuMicros() / scan.cpuMicros() - 1), sample.size(), matchNs[1],
                    100 * matchNs[1] / 1000 / scan.cpuMicros());
        }
        IntelDetector d = new IntelDetector(intel);
        for (Event e : sample) {
            d.process(e, a -> hitsByRule.merge(a.ruleId() + " " + a.level().id(), 1L, Long::sum));
        }
        System.out.println("intel alerts in the in-memory sample, by rule and level (random indicators meeting the "
                + "simulation's public addresses): " + hitsByRule);
        System.out.println("(events per pass: " + pass(inputs, IngestOptions.defaults(), e -> { }).events + ")");
    }

    /**
     * @param cpuSeconds the whole process's CPU time (reader threads, the detection thread, GC): unlike wall time, it
     *                   does not grow when other processes take the cores, so it is the figure to compare on a busy machine
     */
    private record Pass(long events, double seconds, double cpuSeconds, long alerts) {
        double rate() {
            return events / seconds;
        }

        /** CPU microseconds per event. */
        double cpuMicros() {
            return cpuSeconds * 1e6 / events;
        }
    }

    private static Pass scan(List<Input> inputs, RuleSet rules, IntelIndex intel) {
        long[] alerts = {0};
        double cpu0 = BenchStats.processCpuSeconds();
        long t0 = System.nanoTime();
        long n = BenchInputs.scan(inputs, RunConfig.of(rules).withIntel(intel), a -> alerts[0]++);
        return new Pass(n, (System.nanoTime() - t0) / 1e9, BenchStats.processCpuSeconds() - cpu0, alerts[0]);
    }

    private static Pass pass(List<Input> inputs, IngestOptions options, Consumer<Event> onEvent) {
        double cpu0 = BenchStats.processCpuSeconds();
        long t0 = System.nanoTime();
        long n = BenchInputs.read(inputs, options, onEvent);
        return new Pass(n, (System.nanoTime() - t0) / 1e9, BenchStats.processCpuSeconds() - cpu0, 0);
    }

    /** Heap in use after full collections (several, until it stops shrinking). */
    private static long liveHeap() {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (used >= last - (1 << 20)) {
                return Math.min(used, last);
            }
            last = used;
        }
        return last;
    }

    /** {@code n} indicators of the mix in the class notes, each as a feed reader would make it. */
    static List<Indicator> generate(int n, Random r) {
        List<Indicator> out = new ArrayList<>(n);
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(100);
            String source = FEEDS[r.nextInt(FEEDS.length)];
            // label lists are shared, as the index shares equal ones (a feed reader's own copies would be garbage once
            // indexed), so that the heap with list and index minus the heap with the list is the index's tables alone
            List<String> labels = LABELS.get(r.nextInt(LABELS.size()));
            IocType type;
            String value;
            if (kind < 30) {
                type = IocType.ADDRESS;
                value = publicIpv4(r);
            } else if (kind < 35) {
                type = IocType.ADDRESS;
                value = ipv6(r, 8);
            } else if (kind < 43) {
                type = IocType.ADDRESS;
                int prefix = r.nextInt(4) > 0 ? 24 : 16 + r.nextInt(15);
                value = publicIpv4(r) + "/" + prefix;
            } else if (kind < 45) {
                type = IocType.ADDRESS;
                value = ipv6(r, 4) + "/" + (32 + 8 * r.nextInt(5));
            } else if (kind < 75) {
                type = IocType.DOMAIN;
                value = domain(r);
            } else if (kind < 85) {
                type = IocType.URL;
                value = (r.nextBoolean() ? "http://" : "https://") + domain(r) + "/" + word(r) + "/" + word(r)
                        + (r.nextBoolean() ? ".php" : ".sh");
            } else if (kind < 90) {
                type = IocType.SHA256;
                value = hex.formatHex(bytes(r, 32));
            } else if (kind < 93) {
                type = IocType.MD5;
                value = hex.formatHex(bytes(r, 16));
            } else if (kind < 95) {
                type = IocType.SHA1;
                value = hex.formatHex(bytes(r, 20));
            } else {
                type = IocType.AWS_ACCESS_KEY;
                StringBuilder k = new StringBuilder(r.nextBoolean() ? "AKIA" : "ASIA");
                for (int c = 0; c < 16; c++) {
                    k.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".charAt(r.nextInt(32)));
                }
                value = k.toString();
            }
            Integer confidence = r.nextInt(4) == 0 ? null : 10 + r.nextInt(91);
            out.add(new Indicator(indicatorId(type, value, source, r), type,
                    dev.cloudwarden.engine.intel.IocValues.normalize(type, value), source, confidence, labels, null, null,
                    List.of(), null));
        }
        return out;
    }

    private static String indicatorId(IocType type, String value, String source, Random r) {
        // STIX ids (indicator--uuid) for most feeds, derived ids for plain lists
        return source.startsWith("csv:") ? dev.cloudwarden.engine.intel.IocValues.idOf(type, value, source)
                : "indicator--" + new java.util.UUID(r.nextLong(), r.nextLong());
    }

    private static String publicIpv4(Random r) {
        while (true) {
            int a = 1 + r.nextInt(223);
            int b = r.nextInt(256);
            if (a == 10 || a == 127 || a == 100 && b >= 64 && b < 128 || a == 169 && b == 254 || a == 172 && b >= 16 && b < 32
                    || a == 192 && b == 168) {
                continue;
            }
            return a + "." + b + "." + r.nextInt(256) + "." + r.nextInt(256);
        }
    }

    private static String ipv6(Random r, int groups) {
        StringBuilder b = new StringBuilder(Integer.toHexString(0x2000 + r.nextInt(0x2000)));
        for (int i = 1; i < 8; i++) {
            b.append(':').append(Integer.toHexString(i < groups ? r.nextInt(0x10000) : 0));
        }
        return b.toString();
    }

    private static String domain(Random r) {
        int labels = 1 + r.nextInt(3);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < labels; i++) {
            b.append(word(r)).append('.');
        }
        return b.append(TLDS[r.nextInt(TLDS.length)]).toString();
    }

    private static String word(Random r) {
        int len = 4 + r.nextInt(9);
        char[] c = new char[len];
        for (int i = 0; i < len; i++) {
            c[i] = (char) ('a' + r.nextInt(26));
        }
        return new String(c);
    }

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
