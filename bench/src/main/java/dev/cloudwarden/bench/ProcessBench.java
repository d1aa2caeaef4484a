package dev.cloudwarden.bench;

import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleFile;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import dev.cloudwarden.engine.sigma.load.RuleSet;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whole processes over the same generated CloudTrail file, JVM start included, each timed from launch to exit:
 * (a) Jackson tokenizing the file; (b, c) {@code cloudwarden scan --format json} with its defaults (every rule,
 * correlations, behavioral detectors, starter intel, grouping) at {@code --threads 1} and {@code 2}; (d, e) DuckDB
 * at {@code threads=1} and {@code 2} counting the SigmaHQ aws/cloudtrail rules written by hand as
 * {@code json_extract_string} predicates ({@link HandWrittenSql}). Run from the repository root after
 * {@code mvn -pl app,bench -am package -DskipTests}.
 */
final class ProcessBench {
    private static final Pattern MATCHES = Pattern.compile("from ([0-9,]+) matches");

    private ProcessBench() {
    }

    static void run(String[] args) throws Exception {
        BenchArgs opts = BenchArgs.parse(args, 3);
        Path file = opts.file().toAbsolutePath();
        Path app = Path.of("app", "target", "cloudwarden.jar").toAbsolutePath();
        if (!Files.exists(app)) {
            throw new IllegalStateException("build the CLI first: mvn -B -pl app,bench -am package -DskipTests");
        }
        String benchJar = Path.of(ProcessBench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path noStore = Files.createTempDirectory("cw-bench").resolve("absent.duckdb"); // starter intel only
        long lines;
        try (var s = Files.lines(file)) {
            lines = s.count();
        }
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("a. Jackson tokenizing", List.of(java, "-cp", benchJar, Tokenize.class.getName(), file.toString()));
        // -Dbench.appJvm="OPTS|OPTS..." also times the scans with those JVM options (the launcher's, for instance)
        List<String> jvmVariants = new ArrayList<>(List.of(""));
        for (String v : System.getProperty("bench.appJvm", "").split("\\|")) {
            if (!v.isBlank()) {
                jvmVariants.add(v.strip());
            }
        }
        for (String jvm : jvmVariants) {
            for (int threads : new int[] {1, 2}) {
                List<String> command = new ArrayList<>(List.of(java));
                if (!jvm.isEmpty()) {
                    command.addAll(List.of(jvm.split("\\s+")));
                }
                command.addAll(List.of("-jar", app.toString(), "scan", "--format", "json", "--threads",
                        String.valueOf(threads), "--store", noStore.toString(), "--quarantine",
                        noStore.resolveSibling("q.ndjson").toString(), file.toString()));
                commands.put((threads == 1 ? "b" : "c") + ". cloudwarden scan --threads " + threads
                        + (jvm.isEmpty() ? "" : " " + jvm), command);
            }
        }
        for (int threads : new int[] {1, 2}) {
            commands.put((threads == 1 ? "d" : "e") + ". DuckDB hand-written SQL, threads=" + threads,
                    List.of(java, "-cp", benchJar, HandWrittenDuckDb.class.getName(), file.toString(), String.valueOf(threads)));
        }
        System.out.printf(Locale.ROOT, "file %s: %,d records, %,d bytes; java %s, %d cpus%n", file, lines, Files.size(file),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (int round = -1; round < opts.rounds(); round++) {
            for (Map.Entry<String, List<String>> c : commands.entrySet()) {
                long t0 = System.nanoTime();
                String note = exec(c.getValue());
                double s = (System.nanoTime() - t0) / 1e9;
                if (round >= 0) {
                    times.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(s);
                }
                System.out.printf(Locale.ROOT, "round %d: %-60s %6.2f s  %s%n", round, c.getKey(), s, note);
            }
        }
        System.out.printf(Locale.ROOT, "%n%-62s %10s %14s %8s%n", opts.rounds() + " rounds after a warm-up round",
                "median s", "median ev/s", "x (a)");
        double base = BenchStats.median(times.get("a. Jackson tokenizing"));
        for (Map.Entry<String, List<Double>> t : times.entrySet()) {
            double med = BenchStats.median(t.getValue());
            System.out.printf(Locale.ROOT, "%-62s %10.2f %,14.0f %8.2f%n", t.getKey(), med, lines / med, base / med);
        }
    }

    /** Runs a process to its end (stdout discarded); returns a short note: the matches it reports. */
    private static String exec(List<String> command) throws IOException, InterruptedException {
        File err = File.createTempFile("cw-bench", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(err).start();
            int code = p.waitFor();
            String stderr = Files.readString(err.toPath(), StandardCharsets.UTF_8);
            if (code != 0 && code != 1) { // scan exits 1 when a high alert fired
                throw new IllegalStateException("exit " + code + " from " + command + ":\n" + stderr);
            }
            Matcher m = MATCHES.matcher(stderr);
            return m.find() ? m.group(1) + " matches" : stderr.strip();
        } finally {
            Files.deleteIfExists(err.toPath());
        }
    }

    /** (a): Jackson's tokenizer over the file, nothing else. */
    static final class Tokenize {
        public static void main(String[] args) throws IOException {
            System.err.println(IngestBench.tokenize(Path.of(args[0])) + " tokens");
        }
    }

    /** (d, e): the hand-written SQL of the aws/cloudtrail rules, counted in one query. */
    static final class HandWrittenDuckDb {
        public static void main(String[] args) throws Exception {
            List<RuleFile> aws = RuleFiles.builtIn().stream().filter(f -> f.name().contains("/aws/cloudtrail/")).toList();
            RuleSet rules = RuleSet.compile(aws, SigmaConfig.defaults());
            List<String> columns = new ArrayList<>();
            for (LoadedRule r : rules.rules()) {
                columns.add("count(*) FILTER (WHERE " + HandWrittenSql.condition(r.rule()) + ")");
            }
            String sql = "SELECT " + String.join(",\n  ", columns) + "\nFROM read_ndjson_objects("
                    + HandWrittenSql.literal(args[0]) + ")";
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                 java.sql.Statement st = c.createStatement()) {
                st.execute("SET threads = " + Integer.parseInt(args[1]));
                try (java.sql.ResultSet rs = st.executeQuery(sql)) {
                    rs.next();
                    long total = 0;
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        total += rs.getLong(i);
                    }
                    System.err.printf(Locale.ROOT, "%d rules, from %,d matches%n", rules.rules().size(), total);
                }
            }
        }
    }
}
