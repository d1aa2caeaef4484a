package dev.cloudwarden.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

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

    /** Issue 4's quality bar on the demo's pipeline: every scenario detected, alert precision of at least 0.95. */
    @Test
    void everyScenarioIsDetectedAndAlertsArePrecise(@TempDir Path dir) {
        CliRun run = CliRun.of("demo", "--out", dir.toString(), "--events", "10000", "--seed", "42");
        assertThat(run.out()).doesNotContain(" NO ");
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("alert precision ([0-9.]+) .*; scenario recall ([0-9.]+)").matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isGreaterThanOrEqualTo(0.95);
        assertThat(Double.parseDouble(m.group(2))).isEqualTo(1.0);
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
