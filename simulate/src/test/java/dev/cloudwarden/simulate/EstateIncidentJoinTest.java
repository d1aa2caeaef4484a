package dev.cloudwarden.simulate;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.Incident;
import dev.cloudwarden.engine.intel.match.IntelIndex;
import dev.cloudwarden.engine.intel.starter.StarterIntel;
import dev.cloudwarden.engine.posture.check.BuiltInChecks;
import dev.cloudwarden.engine.posture.scan.Finding;
import dev.cloudwarden.engine.posture.scan.PostureScanner;
import dev.cloudwarden.engine.posture.scan.PostureSources;
import dev.cloudwarden.engine.posture.scan.ResourceEntities;
import dev.cloudwarden.engine.posture.scan.Suppressions;
import dev.cloudwarden.engine.posture.check.Verdict;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.load.RuleTuning;
import dev.cloudwarden.simulate.estate.EstateConfig;
import dev.cloudwarden.simulate.eval.Evaluation;
import dev.cloudwarden.simulate.eval.GroundTruth;
import dev.cloudwarden.simulate.write.SimulationWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The join the incident page relies on, on the demo's day: the incidents the logs raise and the failed posture
 * findings of the configuration the same day leaves share entities — each scenario's incident names a resource whose
 * misconfiguration explains it.
 */
class EstateIncidentJoinTest {
    private static final Instant START = Instant.parse("2026-11-20T00:00:00Z");

    /** Scenario → the failed checks its incident must meet on one of its entities. */
    private static final Map<String, Set<String>> EXPECTED = Map.of(
            "t3-misconfiguration", Set.of("CW_AWS_S3_ACL_PUBLIC_READ", "CW_AWS_SG_SSH_WORLD", "CW_AWS_SG_DOCKER_API_WORLD"),
            "a2-snapshot-exfiltration", Set.of("CW_AWS_EBS_SNAPSHOT_ENCRYPTED"),
            "a1-s3-ransomware", Set.of("CW_AWS_S3_VERSIONING"),
            "a4-scam-hosting", Set.of("CW_AWS_S3_BLOCK_PUBLIC_ACLS"),
            "t2-console-brute-force", Set.of("CW_AWS_IAM_USER_CONSOLE_MFA"));

    @Test
    void theScenariosIncidentsMeetTheFailedFindingsThatExplainThem(@TempDir Path dir) throws IOException {
        new Simulation(42, START, Duration.ofHours(24)).write(dir, Simulation.allScenarios(), 20_000);
        GroundTruth truth = GroundTruth.read(dir.resolve("truth.jsonl"));
        RuleSet rules = RuleSet.compile(RuleFiles.builtIn(), SigmaConfig.defaults(), RuleTuning.builtIn());
        List<Incident> incidents = DemoScan.of(dir, rules, IntelIndex.of(StarterIntel.indicators())).incidents();

        // entity → the checks that failed on a resource that is that entity
        Map<Entity, Set<String>> failedOn = new TreeMap<>();
        List<Finding> findings = new PostureScanner(PostureSources.all(), BuiltInChecks.all())
                .scan(List.of(dir.resolve(EstateConfig.CONFIG)), Suppressions.none(true)).findings();
        for (Finding f : findings) {
            if (f.verdict() == Verdict.FAIL) {
                ResourceEntities.of(f.resource()).forEach(e -> failedOn.computeIfAbsent(e, k -> new TreeSet<>()).add(f.check().id()));
            }
        }

        Map<String, Set<String>> met = new TreeMap<>();
        for (Incident incident : incidents) {
            Set<String> checks = new TreeSet<>();
            incident.entities().forEach(e -> checks.addAll(failedOn.getOrDefault(e, Set.of())));
            for (String scenario : scenariosOf(incident, truth, dir)) {
                met.computeIfAbsent(scenario, k -> new TreeSet<>()).addAll(checks);
            }
        }
        EXPECTED.forEach((scenario, checks) -> assertThat(met.get(scenario)).as(scenario).containsAll(checks));
    }

    private static Set<String> scenariosOf(Incident incident, GroundTruth truth, Path dir) {
        Set<String> out = new TreeSet<>();
        for (Alert a : incident.alerts()) {
            for (GroundTruth.LineRef ref : Evaluation.linesOf(a, dir.resolve(SimulationWriter.LOGS))) {
                String s = truth.scenarioOfLine().get(ref);
                if (s != null) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
