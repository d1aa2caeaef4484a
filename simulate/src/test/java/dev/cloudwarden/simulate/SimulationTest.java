package dev.cloudwarden.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.IngestSink;
import dev.cloudwarden.engine.ingest.IngestStats;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.Rejection;
import dev.cloudwarden.engine.ingest.read.Input;
import dev.cloudwarden.simulate.scenario.Scenario;
import dev.cloudwarden.simulate.write.SimulationWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SimulationTest {
    private static final Instant START = Instant.parse("2026-11-20T00:00:00Z");

    private static List<SimulationWriter.Truth> simulate(Path dir, long seed) throws IOException {
        return new Simulation(seed, START, Duration.ofHours(6)).write(dir, Simulation.allScenarios(), 5_000);
    }

    @Test
    void theSameSeedWritesTheSameFiles(@TempDir Path a, @TempDir Path b) throws IOException {
        simulate(a, 7);
        simulate(b, 7);
        for (Path f : files(a)) {
            assertThat(Files.readString(b.resolve(a.relativize(f)))).as("%s", a.relativize(f)).isEqualTo(Files.readString(f));
        }
    }

    @Test
    void everyLineParsesAsItsSourceWithNothingRejected(@TempDir Path dir) throws IOException {
        simulate(dir, 11);
        List<Rejection> rejected = new ArrayList<>();
        Set<SourceType> sources = EnumSet.noneOf(SourceType.class);
        IngestStats stats = new IngestStats(new IngestSink() {
            @Override
            public void onEvent(dev.cloudwarden.engine.event.Event event) {
                sources.add(event.source());
            }

            @Override
            public void onRejected(Rejection rejection) {
                rejected.add(rejection);
            }
        });
        Ingestor ingestor = new Ingestor(IngestOptions.defaults());
        for (Path f : files(dir.resolve(SimulationWriter.LOGS))) {
            ingestor.read(Input.file(f), stats);
        }
        assertThat(rejected).extracting(Rejection::message).isEmpty();
        assertThat(stats.events()).isGreaterThan(5_000);
        assertThat(sources).contains(SourceType.CLOUDTRAIL, SourceType.VPC_FLOW, SourceType.ROUTE53_RESOLVER,
                SourceType.SSHD, SourceType.WEB_ACCESS, SourceType.DOCKER, SourceType.YARN, SourceType.EXIM,
                SourceType.K8S_AUDIT);
    }

    @Test
    void theGroundTruthNamesEveryScenarioAndPointsAtItsLines(@TempDir Path dir) throws IOException {
        List<SimulationWriter.Truth> truth = simulate(dir, 3);
        Set<String> scenarios = new TreeSet<>();
        for (SimulationWriter.Truth t : truth) {
            scenarios.add(t.scenario());
            List<String> lines = Files.readAllLines(dir.resolve("logs").resolve(t.file()));
            assertThat(t.line()).isBetween(1L, (long) lines.size());
        }
        assertThat(scenarios).containsExactlyInAnyOrderElementsOf(
                Simulation.allScenarios().stream().map(s -> s.info().id()).toList());
        List<String> truthLines = Files.readAllLines(dir.resolve("truth.jsonl"));
        assertThat(truthLines).hasSize(truth.size());
        JsonNode first = Json.MAPPER.readTree(truthLines.get(0));
        assertThat(first.get("catalog").asText()).matches("[TAM]\\d");
        assertThat(first.get("techniques").isArray()).isTrue();
        // The brute force's failures come before its success, as in real life.
        List<String> ct = Files.readAllLines(dir.resolve("logs/cloudtrail/111122223333_CloudTrail_us-east-1.jsonl"));
        List<String> brute = truth.stream().filter(t -> t.scenario().equals("t2-console-brute-force"))
                .map(t -> ct.get((int) t.line() - 1)).filter(l -> l.contains("ConsoleLogin")).toList();
        assertThat(brute.get(brute.size() - 1)).contains("\"ConsoleLogin\":\"Success\"");
        assertThat(brute.get(0)).contains("\"ConsoleLogin\":\"Failure\"");
    }

    /** Syslog pads one-digit days with a space ("Nov  1"), and the readers expect exactly that. */
    @Test
    void aSimulationEarlyInTheMonthStillReads(@TempDir Path dir) throws IOException {
        new Simulation(2, Instant.parse("2026-11-01T00:00:00Z"), Duration.ofHours(3)).write(dir, Simulation.allScenarios(), 2_000);
        List<Rejection> rejected = new ArrayList<>();
        Ingestor ingestor = new Ingestor(IngestOptions.defaults());
        for (Path f : files(dir.resolve("logs"))) {
            ingestor.read(Input.file(f), new IngestSink() {
                @Override
                public void onEvent(dev.cloudwarden.engine.event.Event event) {
                }

                @Override
                public void onRejected(Rejection rejection) {
                    rejected.add(rejection);
                }
            });
        }
        assertThat(rejected).extracting(Rejection::message).isEmpty();
        assertThat(Files.readAllLines(dir.resolve("logs/hosts/auth.log")).get(0)).startsWith("Nov  1 ");
    }

    @Test
    void everyRowOfTheCatalogHasAScenario() {
        assertThat(Simulation.allScenarios().stream().map(s -> s.info().catalogId()).distinct().sorted().toList())
                .containsExactly("A1", "A2", "A3", "A4", "A5", "A6", "M1", "M2", "M3", "M4", "M5", "M6",
                        "T1", "T2", "T3", "T4", "T5");
    }

    @Test
    void everyScenarioSaysWhatItSimulates() {
        for (Scenario s : Simulation.allScenarios()) {
            assertThat(s.info().catalogId()).matches("[TAM]\\d");
            assertThat(s.info().techniques()).isNotEmpty().allMatch(t -> t.matches("T\\d{4}(\\.\\d{3})?"));
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
