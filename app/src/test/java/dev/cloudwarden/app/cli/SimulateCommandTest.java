package dev.cloudwarden.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SimulateCommandTest {

    @Test
    void simulateWritesLogsThatEventsReadsWithoutRejections(@TempDir Path dir) {
        CliRun sim = CliRun.of("simulate", "--out", dir.toString(), "--events", "2000", "--seed", "5",
                "--start", "2026-11-20T00:00:00Z", "--hours", "4");
        assertThat(sim.exitCode()).isZero();
        assertThat(sim.err()).contains("t2-console-brute-force").contains("m2-graboid");
        assertThat(dir.resolve("truth.jsonl")).exists();
        CliRun read = CliRun.of("events", "--format", "json", dir.resolve("logs").toString(),
                "--quarantine", dir.resolve("q.ndjson").toString());
        assertThat(read.exitCode()).isZero();
        assertThat(read.err()).contains("0 lines rejected");
        assertThat(Files.exists(dir.resolve("q.ndjson"))).isFalse();
    }

    /** The documented chain: simulate, scan with incidents, eval the alerts and the incidents. */
    @Test
    void scanAndEvalScoreASimulationsAlertsAndIncidents(@TempDir Path dir) throws Exception {
        assertThat(CliRun.of("simulate", "--out", dir.toString(), "--events", "5000", "--seed", "11").exitCode()).isZero();
        Path incidents = dir.resolve("incidents.ndjson");
        CliRun scan = CliRun.of("scan", "--format", "json", "--incidents", incidents.toString(),
                dir.resolve("logs").toString());
        assertThat(scan.exitCode()).as(scan.err()).isEqualTo(CloudWardenCli.EXIT_FINDINGS);
        assertThat(scan.err()).containsPattern("\\d+ incidents written to").containsPattern("[0-9,]+ alerts .* from [0-9,]+ matches");
        Path alerts = Files.writeString(dir.resolve("alerts.ndjson"), scan.out());
        CliRun eval = CliRun.of("eval", "--truth", dir.resolve("truth.jsonl").toString(), "--alerts", alerts.toString(),
                "--incidents", incidents.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("RESOLVED").contains("incident precision 1.000")
                .contains("17 of 17 scenarios form exactly one incident, classified correctly");
        CliRun json = CliRun.of("eval", "--format", "json", "--truth", dir.resolve("truth.jsonl").toString(),
                "--alerts", alerts.toString(), "--incidents", incidents.toString());
        assertThat(json.out()).contains("\"resolved_scenarios\":17");

        // the behavioral detectors run by default, and --no-behavior turns them off
        assertThat(scan.out()).contains("\"rule_id\":\"cloudwarden.behavior.");
        CliRun rulesOnly = CliRun.of("scan", "--format", "json", "--no-behavior", dir.resolve("logs").toString());
        assertThat(rulesOnly.out()).contains("\"rule_id\":").doesNotContain("cloudwarden.behavior.");
    }

    @Test
    void anUnknownScenarioIsAUsageError(@TempDir Path dir) {
        CliRun sim = CliRun.of("simulate", "--out", dir.toString(), "--scenario", "z9");
        assertThat(sim.exitCode()).isEqualTo(2);
        assertThat(sim.err()).contains("no scenario matches [z9]; known: [t1-exim-cve-2019-10149");
    }
}
