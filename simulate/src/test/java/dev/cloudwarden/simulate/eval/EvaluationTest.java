package dev.cloudwarden.simulate.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvaluationTest {

    private static GroundTruth truth(Path dir) throws IOException {
        Path f = dir.resolve("truth.jsonl");
        Files.writeString(f, """
                {"scenario":"t2","catalog":"T2","techniques":["T1110"],"file":"cloudtrail/ct.jsonl","line":3}
                {"scenario":"t2","catalog":"T2","techniques":["T1110"],"file":"cloudtrail/ct.jsonl","line":4}
                {"scenario":"a3","catalog":"A3","techniques":["T1496"],"file":"vpcflow/flow.log","line":9}
                """);
        return GroundTruth.read(f);
    }

    @Test
    void alertsAreScoredPerScenarioAndOverall(@TempDir Path dir) throws IOException {
        GroundTruth t = truth(dir);
        List<Evaluation.ScoredAlert> alerts = List.of(
                new Evaluation.ScoredAlert("brute force", List.of(new GroundTruth.LineRef("cloudtrail/ct.jsonl", 3),
                        new GroundTruth.LineRef("cloudtrail/ct.jsonl", 4))),
                new Evaluation.ScoredAlert("noise", List.of(new GroundTruth.LineRef("cloudtrail/ct.jsonl", 1))),
                new Evaluation.ScoredAlert("noise", List.of(new GroundTruth.LineRef("vpcflow/flow.log", 8))));
        Evaluation.Result r = Evaluation.score(t, alerts);
        assertThat(r.alertPrecision()).isEqualTo(1.0 / 3);
        assertThat(r.scenarioRecall()).isEqualTo(0.5);
        assertThat(r.falsePositiveRules()).containsExactly("noise", "noise");
        Evaluation.ScenarioScore t2 = r.scenarios().get(0);
        assertThat(t2.scenario()).isEqualTo("t2");
        assertThat(t2.detected()).isTrue();
        assertThat(t2.lineRecall()).isEqualTo(1.0);
        assertThat(t2.rules()).containsExactly("brute force");
        assertThat(r.scenarios().get(1).detected()).isFalse();
    }

    @Test
    void aScenarioIsResolvedByExactlyOneCorrectlyClassifiedIncidentOfItsOwn(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("truth.jsonl");
        Files.writeString(f, """
                {"scenario":"t2","catalog":"T2","file":"a.log","line":1}
                {"scenario":"m1","catalog":"M1","file":"a.log","line":2}
                {"scenario":"m3","catalog":"M3","file":"a.log","line":3}
                {"scenario":"a3","catalog":"A3","file":"a.log","line":4}
                {"scenario":"a3","catalog":"A3","file":"a.log","line":5}
                {"scenario":"t5","catalog":"T5","file":"a.log","line":6}
                {"scenario":"a1","catalog":"A1","file":"a.log","line":7}
                {"scenario":"a2","catalog":"A2","file":"a.log","line":8}
                """);
        GroundTruth t = GroundTruth.read(f);
        List<Evaluation.ScoredIncident> incidents = List.of(
                incident("ok", Set.of("T2"), 1),
                incident("wrong-family", Set.of("T1", "M1", "M3"), 3),   // M3 called M1 as well
                incident("family-right", Set.of("T1", "M1"), 2),
                incident("split-1", Set.of("A3"), 4),                    // A3 split over two incidents
                incident("split-2", Set.of("A3"), 5),
                incident("misclassified", Set.of("T1"), 6),              // T5 called T1
                incident("glued", Set.of("A1", "A2"), 7, 8),             // two scenarios in one incident
                incident("noise", Set.of("A3"), 99));
        Evaluation.Result r = Evaluation.score(t, List.of(), incidents);
        assertThat(r.scenarios()).filteredOn(Evaluation.ScenarioScore::resolved)
                .extracting(Evaluation.ScenarioScore::scenario).containsExactly("t2", "m1");
        assertThat(r.scenarios()).filteredOn(s -> s.scenario().equals("a3"))
                .extracting(Evaluation.ScenarioScore::incidents).containsExactly(2);
        assertThat(r.resolvedScenarios()).isEqualTo(2);
        assertThat(r.incidentPrecision()).isEqualTo(7.0 / 8);
    }

    private static Evaluation.ScoredIncident incident(String id, Set<String> categories, long... lines) {
        return new Evaluation.ScoredIncident(id, categories,
                java.util.Arrays.stream(lines).mapToObj(l -> new GroundTruth.LineRef("a.log", l)).toList());
    }

    @Test
    void aBrokenTruthFileSaysWhereItIsBroken(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("truth.jsonl");
        Files.writeString(f, "{\"scenario\":\"t2\",\"file\":\"x\",\"line\":1}\n{\"oops\":1}\n");
        assertThatThrownBy(() -> GroundTruth.read(f)).hasMessage(f + ":2: not a ground-truth entry (scenario, file, line)");
    }
}
