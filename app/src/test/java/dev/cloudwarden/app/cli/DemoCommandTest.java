package dev.cloudwarden.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
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
                .contains("t2-console-brute-force").contains("Results (alerts, incidents, logs, ground truth) are under " + dir);
        assertThat(dir.resolve("results/alerts.ndjson")).exists();
        assertThat(dir.resolve("results/incidents.ndjson")).exists();
        assertThat(dir.resolve("truth.jsonl")).exists();
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
}
