package dev.cloudwarden.bench;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whole-process output speed: {@code cloudwarden events --format json FILE > /dev/null} run as a user runs it
 * ({@code java -jar app/target/cloudwarden.jar}, default JVM settings), timed from process start to exit, so
 * JVM start-up, class loading and JIT warm-up are included. In the same rounds, with the same JVM settings,
 * each as its own process: (a) Jackson tokenizing the file (the baseline), (c) parsing as {@code events}
 * does with the output discarded, (d) a JVM that starts and exits. Goal: (b) at least 0.7 of (a)'s speed.
 * Besides wall time each process's CPU time is reported (all its threads: JIT and GC included), which
 * other load on the machine inflates less. {@code -Dbench.before=JAR[,JAR...]} adds the same {@code events} run of
 * other builds of the app (e.g. the commit before a change) to every round.
 */
final class OutputBench {
    private static final String BASELINE = "a. Jackson tokenizing (baseline)";
    private static final String EVENTS = "b. cloudwarden events --format json";
    private static final Pattern EVENTS_LINE = Pattern.compile("^([\\d,]+) events from", Pattern.MULTILINE);

    private OutputBench() {
    }

    private record Timing(double wall, double cpu) {
    }

    static void run(String[] args) throws IOException, InterruptedException, URISyntaxException {
        BenchArgs opts = BenchArgs.parse(args, 5);
        Path file = opts.file();
        Path benchJar = Path.of(OutputBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path appJar = benchJar.toAbsolutePath().getParent().resolve("../../app/target/cloudwarden.jar").normalize();
        if (!Files.isRegularFile(appJar)) {
            throw new IllegalStateException(appJar + " is missing; build it: mvn -B -q -pl app,bench -am package -DskipTests");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String task = ProcessTask.class.getName();
        String in = file.toString();
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put(BASELINE, List.of(java, "-cp", benchJar.toString(), task, "tokenize", in));
        commands.put(EVENTS, List.of(java, "-jar", appJar.toString(), "events", "--format", "json", in));
        for (String before : System.getProperty("bench.before", "").split(",")) {
            if (!before.isBlank()) {
                commands.put("b. the same, " + Path.of(before).getFileName(), List.of(java, "-jar", before, "events",
                        "--format", "json", in));
            }
        }
        commands.put("c. parse only, output discarded", List.of(java, "-cp", benchJar.toString(), task, "parse", in));
        commands.put("d. JVM start, no work", List.of(java, "-cp", benchJar.toString(), task, "start"));
        long bytes = Files.size(file);
        System.out.printf(Locale.ROOT, "file %s: %,d bytes; app %s%n", file, bytes, appJar);
        System.out.printf(Locale.ROOT, "java %s, %d cpus; every figure is a whole process (JVM start included), "
                + "default JVM settings, stdout to /dev/null%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        long events = IngestBench.ingest(file); // also reads the file into the page cache
        Map<String, List<Timing>> timings = new LinkedHashMap<>();
        for (int r = -1; r < opts.rounds(); r++) { // round -1 warms up
            for (Map.Entry<String, List<String>> c : commands.entrySet()) {
                Timing t = timed(c.getValue(), c.getKey().startsWith("b") ? events : -1);
                if (r >= 0) {
                    timings.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(t);
                }
                System.out.printf(Locale.ROOT, "round %d: %-40s %6.2f s, CPU %6.2f s%n", r, c.getKey(), t.wall(), t.cpu());
            }
        }
        System.out.printf(Locale.ROOT, "%n%-40s %8s %12s %7s %8s %12s %8s%n", opts.rounds() + " rounds after a warm-up round",
                "median s", "ev/s", "MB/s", "best s", "best ev/s", "CPU s");
        for (Map.Entry<String, List<Timing>> t : timings.entrySet()) {
            double med = median(t.getValue(), Timing::wall);
            double best = t.getValue().stream().mapToDouble(Timing::wall).min().orElseThrow();
            System.out.printf(Locale.ROOT, "%-40s %8.2f %,12.0f %7.1f %8.2f %,12.0f %8.2f%n", t.getKey(), med, events / med,
                    bytes / med / 1e6, best, events / best, median(t.getValue(), Timing::cpu));
        }
        List<Timing> a = timings.get(BASELINE);
        List<Timing> b = timings.get(EVENTS);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            ratios.add(a.get(i).wall() / b.get(i).wall());
        }
        System.out.printf(Locale.ROOT, "events --format json / Jackson tokenizing, speed: %.2f (medians), %.2f (median of "
                        + "rounds), %.2f (CPU time medians); goal 0.70%n", median(a, Timing::wall) / median(b, Timing::wall),
                BenchStats.median(ratios), median(a, Timing::cpu) / median(b, Timing::cpu));
    }

    private static double median(List<Timing> timings, java.util.function.ToDoubleFunction<Timing> which) {
        return BenchStats.median(timings.stream().map(which::applyAsDouble).toList());
    }

    /** Runs one command to completion; checks its exit code and, for {@code events}, its count of events. */
    private static Timing timed(List<String> command, long expectedEvents) throws IOException, InterruptedException {
        File err = File.createTempFile("cw-bench", ".err");
        try {
            // stdout to /dev/null: events' output under test, and the baselines' one-line count
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(err).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            long t0 = System.nanoTime();
            Process p = pb.start();
            Duration cpu = Duration.ZERO;
            while (!p.waitFor(10, TimeUnit.MILLISECONDS)) { // the last reading is at most 10 ms before exit
                cpu = p.info().totalCpuDuration().orElse(cpu);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            String stderr = Files.readString(err.toPath(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(command + " exited " + p.exitValue() + ":\n" + stderr);
            }
            if (expectedEvents >= 0) {
                Matcher m = EVENTS_LINE.matcher(stderr);
                if (!m.find() || Long.parseLong(m.group(1).replace(",", "")) != expectedEvents) {
                    throw new IllegalStateException("expected " + expectedEvents + " events, the summary says:\n" + stderr);
                }
            }
            return new Timing(seconds, cpu.toNanos() / 1e9);
        } finally {
            Files.deleteIfExists(err.toPath());
        }
    }
}
