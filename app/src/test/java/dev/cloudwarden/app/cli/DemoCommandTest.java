package dev.cloudwarden.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTest {

    @Test
    void theDemoSimulatesScansBuildsIncidentsAndScores(@TempDir Path dir) {
        CliRun run = CliRun.of("demo", "--out", dir.toString(), "--events", "3000", "--seed", "9");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("Simulated 17 scenarios").contains("alerts");
        assertThat(run.out()).contains("incidents").contains("SEVERITY").contains("alert precision")
                .contains("t2-console-brute-force").contains("Results (alerts, incidents, logs, ground truth, report) are under " + dir)
                .contains("The landscape report of the simulated day: " + dir.resolve("results/report.html"));
        assertThat(dir.resolve("results/alerts.ndjson")).exists();
        // the report counts the demo's incidents: every scenario's row of the catalog has at least one
        assertThat(dir.resolve("results/report.html")).content().contains("Cloud threat landscape: your own incidents")
                .doesNotContain("No incident in this period");
        assertThat(dir.resolve("results/report-data/initial-access.csv")).content()
                .doesNotContain("\"T1\",\"Exploitation of cloud applications\",\"0\"");
        assertThat(dir.resolve("results/incidents.ndjson")).exists();
        assertThat(dir.resolve("truth.jsonl")).exists();
    }

    /**
     * {@code demo --serve}: the demo's results in the web UI, reachable with the admin token it prints (its last
     * line); interrupting the command stops the service.
     */
    @Test
    void theDemoServesItsResultsToTheUiWithTheTokenItPrints(@TempDir Path dir) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.OutputStream synced = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                synchronized (out) {
                    out.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (out) {
                    out.write(b, off, len);
                }
            }
        };
        var cli = CloudWardenCli.commandLine(synced, java.nio.charset.StandardCharsets.UTF_8);
        cli.setErr(new java.io.PrintWriter(java.io.OutputStream.nullOutputStream(), true));
        Thread demo = new Thread(() -> cli.execute("demo", "--out", dir.toString(), "--events", "3000", "--seed", "9",
                "--serve", "--port", "0"), "demo-serve");
        demo.start();
        Pattern ready = Pattern.compile("open (http://127\\.0\\.0\\.1:\\d+)/ and sign in with this admin token[^\\n]*\\n(\\S+)");
        Matcher m = null;
        for (int i = 0; i < 1200 && (m == null || !m.find()); i++) {
            Thread.sleep(100);
            synchronized (out) {
                m = ready.matcher(out.toString(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertThat(m).isNotNull();
        assertThat(m.find(0)).as("the demo printed its address and token: %s", out).isTrue();
        String base = m.group(1);
        String token = m.group(2);
        var http = java.net.http.HttpClient.newHttpClient();
        try {
            var queue = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/incidents?limit=100"))
                    .header("Authorization", "Bearer " + token).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(queue.statusCode()).isEqualTo(200);
            assertThat(Pattern.compile("href=\"/incidents/[^\"]+\"").matcher(queue.body()).results().count())
                    .as("the demo's incidents, one per scenario").isEqualTo(17);
            var unsigned = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/incidents")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(unsigned.statusCode()).as("no token, no session: sent to sign in").isEqualTo(302);
        } finally {
            demo.interrupt();
            demo.join(30_000);
        }
        assertThat(demo.isAlive()).isFalse();
    }

    /**
     * Issue 4's quality bar on the demo's pipeline: every scenario detected, alert precision of at least 0.95, and
     * each scenario forms exactly one incident of its own, classified into its catalog row (the RESOLVED column).
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {42, 7})
    void everyScenarioIsDetectedPreciselyAndFormsOneCorrectlyClassifiedIncident(long seed, @TempDir Path dir) {
        CliRun run = CliRun.of("demo", "--out", dir.toString(), "--events", "10000", "--seed", Long.toString(seed));
        assertThat(run.out()).as(run.out()).doesNotContain(" NO ");
        Matcher m = Pattern.compile("alert precision ([0-9.]+) .*; scenario recall ([0-9.]+)").matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isGreaterThanOrEqualTo(0.95);
        assertThat(Double.parseDouble(m.group(2))).isEqualTo(1.0);
        assertThat(run.out()).as(run.out()).startsWith("17 incidents")
                .contains("incident precision 1.000 (17 of 17 incidents on attack lines); "
                        + "17 of 17 scenarios form exactly one incident, classified correctly");
    }

    /** Issue 4's quality bar: a million events of benign traffic, admin lookalikes included, raise no incident. */
    @Test
    void aMillionBackgroundEventsRaiseNoIncident(@TempDir Path dir) {
        CliRun run = CliRun.of("demo", "--out", dir.toString(), "--events", "1000000", "--seed", "42", "--background-only");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("Scanned 1,000,000 events");
        assertThat(run.out()).startsWith("0 incidents");
    }

    /**
     * The run's contracts on the demo: every line it writes is valid against docs/schema; the grouped alerts' counts add
     * up to the matches --no-dedup prints; and two detection threads give the alert and incident ids of one.
     */
    @Test
    void theDemosOutputFollowsTheSchemasAndDoesNotDependOnGroupingOrThreads(@TempDir Path dir) throws Exception {
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        Path every = dir.resolve("every");
        assertThat(CliRun.of("demo", "--out", one.toString(), "--events", "5000", "--seed", "3", "--threads", "1").exitCode()).isZero();
        assertThat(CliRun.of("demo", "--out", two.toString(), "--events", "5000", "--seed", "3", "--threads", "2").exitCode()).isZero();
        assertThat(CliRun.of("demo", "--out", every.toString(), "--events", "5000", "--seed", "3", "--no-dedup").exitCode()).isZero();

        List<JsonNode> alerts = Schemas.validLines(one.resolve("results/alerts.ndjson"), Schemas.ALERT);
        List<JsonNode> incidents = Schemas.validLines(one.resolve("results/incidents.ndjson"), Schemas.INCIDENT);
        List<JsonNode> ungrouped = Schemas.validLines(every.resolve("results/alerts.ndjson"), Schemas.ALERT);
        assertThat(incidents).hasSize(17);
        assertThat(alerts.size()).isLessThan(ungrouped.size());
        assertThat(alerts.stream().mapToLong(a -> a.get("count").asLong()).sum()).isEqualTo(ungrouped.size());
        assertThat(ungrouped).allSatisfy(a -> assertThat(a.get("count").asLong()).isEqualTo(1));

        // the simulation's clock starts at the wall-clock hour, so the runs are compared by content, not ids alone
        assertThat(Files.readString(two.resolve("results/alerts.ndjson")).replace(two.toString(), one.toString()))
                .isEqualTo(Files.readString(one.resolve("results/alerts.ndjson")));
        assertThat(Files.readString(two.resolve("results/incidents.ndjson")).replace(two.toString(), one.toString()))
                .isEqualTo(Files.readString(one.resolve("results/incidents.ndjson")));
    }
}
