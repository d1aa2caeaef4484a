package dev.cloudwarden.simulate;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.run.AlertGrouping;
import dev.cloudwarden.engine.run.DetectionRun;
import dev.cloudwarden.engine.run.FileSource;
import dev.cloudwarden.engine.run.IncidentSink;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.behavior.BehaviorConfig;
import dev.cloudwarden.engine.behavior.BehaviorEngine;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.IngestSink;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.Rejection;
import dev.cloudwarden.engine.ingest.TimeOrderedReader;
import dev.cloudwarden.engine.ingest.read.Input;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.simulate.eval.GroundTruth;
import dev.cloudwarden.simulate.scenario.Scenario;
import dev.cloudwarden.simulate.write.SimulationWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behavioral detectors on simulated days, read as the demo reads them (every log at once, merged by event time,
 * with an hour of allowed lateness): each fires on its scenario's lines, and none fires on benign background.
 */
class BehaviorDetectionTest {
    private static final Instant START = Instant.parse("2026-11-20T00:00:00Z");

    /** Which scenario each behavioral rule must catch. */
    private static final Map<String, String> EXPECTED = Map.of(
            "cloudwarden.behavior.pair_volume", "t4-cross-cloud-pivot",
            "cloudwarden.behavior.principal_download", "a2-snapshot-exfiltration",
            "cloudwarden.behavior.vhost_burst", "a4-scam-hosting",
            "cloudwarden.behavior.storage_api_first_seen", "m6-cloud-storage-c2",
            "cloudwarden.behavior.storage_api_beacon", "m6-cloud-storage-c2");

    @Test
    void everyDetectorFiresOnItsScenarioAndOnlyOnAttackLines(@TempDir Path dir) throws IOException {
        for (long seed : new long[]{42, 7}) {
            Path out = dir.resolve("s" + seed);
            new Simulation(seed, START, Duration.ofHours(24)).write(out, Simulation.allScenarios(), 20_000);
            GroundTruth truth = GroundTruth.read(out.resolve("truth.jsonl"));
            Map<String, Set<String>> scenariosByRule = new TreeMap<>();
            for (Alert a : scan(out)) {
                Set<String> hit = scenariosByRule.computeIfAbsent(a.ruleId(), k -> new TreeSet<>());
                for (Event e : a.events()) {
                    String relative = out.resolve(SimulationWriter.LOGS).toAbsolutePath()
                            .relativize(Path.of(e.origin().input()).toAbsolutePath()).toString().replace('\\', '/');
                    hit.add(truth.scenarioOfLine().getOrDefault(new GroundTruth.LineRef(relative, e.origin().line()), "background"));
                }
            }
            assertThat(scenariosByRule).as("seed %d", seed).hasSize(EXPECTED.size());
            // Other attacks may deviate too (DemonBot's flood is abnormal volume between networks); background never.
            EXPECTED.forEach((rule, scenario) -> assertThat(scenariosByRule.get(rule)).as("seed %d, %s", seed, rule)
                    .contains(scenario).doesNotContain("background"));
        }
    }

    /** The bar, at a tenth of the scale CI holds the demo to: benign traffic raises nothing. */
    @Test
    void aHundredThousandBackgroundEventsRaiseNoBehavioralAlert(@TempDir Path dir) throws IOException {
        new Simulation(42, START, Duration.ofHours(24)).write(dir, List.<Scenario>of(), 100_000);
        assertThat(scan(dir)).filteredOn(a -> a.level().compareTo(Level.LOW) > 0).isEmpty();
    }

    /** The behavioral detectors alone (no rules, no intel), every finding an alert of its own. */
    private static List<Alert> scan(Path simulation) throws IOException {
        List<Alert> alerts = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        RunConfig config = RunConfig.of(RuleSet.compile(List.of(), SigmaConfig.defaults())).withGrouping(AlertGrouping.off());
        try (DetectionRun run = new DetectionRun(config, alerts::add, IncidentSink.NONE)) {
            FileSource.read(run, Input.expand(List.of(simulation.resolve(SimulationWriter.LOGS).toString()),
                    () -> System.in, Instant.now()), IngestOptions.defaults(), rejected::add);
            run.finish();
            assertThat(run.lateInputs()).isEmpty();
        }
        assertThat(rejected).extracting(Rejection::message).isEmpty();
        return alerts;
    }
}
