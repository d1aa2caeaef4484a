package dev.cloudwarden.simulate.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
    void aBrokenTruthFileSaysWhereItIsBroken(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("truth.jsonl");
        Files.writeString(f, "{\"scenario\":\"t2\",\"file\":\"x\",\"line\":1}\n{\"oops\":1}\n");
        assertThatThrownBy(() -> GroundTruth.read(f)).hasMessage(f + ":2: not a ground-truth entry (scenario, file, line)");
    }
}
