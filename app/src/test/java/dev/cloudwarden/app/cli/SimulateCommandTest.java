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

    @Test
    void anUnknownScenarioIsAUsageError(@TempDir Path dir) {
        CliRun sim = CliRun.of("simulate", "--out", dir.toString(), "--scenario", "z9");
        assertThat(sim.exitCode()).isEqualTo(2);
        assertThat(sim.err()).contains("no scenario matches [z9]; known: [t1-exim-cve-2019-10149");
    }
}
