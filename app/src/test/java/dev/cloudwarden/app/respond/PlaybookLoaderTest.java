package dev.cloudwarden.app.respond;

import dev.cloudwarden.app.respond.playbook.OnFailure;
import dev.cloudwarden.app.respond.playbook.Playbook;
import dev.cloudwarden.app.respond.playbook.PlaybookLoader;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.incident.EntityType;
import dev.cloudwarden.engine.yaml.YamlProblem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

public class PlaybookLoaderTest {
    private final PlaybookLoader loader = new PlaybookLoader(new TestActions().actions());

    public static final String GOOD = """
            id: contain-instance
            title: Keep the evidence, contain, replace
            trigger:
              categories: [A3, M2]
              techniques: [T1496]
              min_severity: high
              entities: [instance]
            steps:
              - id: snapshot
                action: test.snapshot
                target: instance
              - id: quarantine
                action: test.quarantine
                target: instance
                params: {reason: "incident"}
                on_failure: goto:terminate
              - id: terminate
                action: test.terminate
                target: instance
                approval: true
                when: incident.severity == "critical"
            """;

    private List<String> problems(String text) {
        return loader.load("pb.yml", text).problems().stream().map(YamlProblem::getMessage).toList();
    }

    @Test
    void aGoodPlaybookLoadsWithItsTriggerAndSteps() {
        PlaybookLoader.Loaded loaded = loader.load("pb.yml", GOOD);
        assertThat(loaded.problems()).isEmpty();
        Playbook p = loaded.playbook();
        assertThat(p.trigger().categories()).containsExactly("A3", "M2");
        assertThat(p.trigger().minSeverity()).isEqualTo(Level.HIGH);
        assertThat(p.trigger().entities()).containsExactly(EntityType.INSTANCE);
        assertThat(p.steps()).extracting(s -> s.id() + "@" + s.line()).containsExactly("snapshot@9", "quarantine@12", "terminate@17");
        assertThat(p.steps().get(1).onFailure()).isEqualTo(new OnFailure.Goto("terminate"));
        assertThat(p.steps().get(0).title()).isEqualTo("test action test.snapshot");
    }

    @Test
    void aDestructiveStepBeforeTheEvidenceItNeedsIsRefusedAtItsLine() {
        String unsafe = GOOD.replace("""
                  - id: snapshot
                    action: test.snapshot
                    target: instance
                """, "").replace("""
                    when: incident.severity == "critical"
                """, """
                    when: incident.severity == "critical"
                  - id: snapshot
                    action: test.snapshot
                    target: instance
                """);
        assertThat(problems(unsafe)).containsExactly("pb.yml:14: step terminate: test.terminate destroys evidence; it must "
                + "come after a step that keeps it (test.snapshot on the same instance)");
    }

    @Test
    void everyMistakeIsNamedWithItsLine() {
        assertThat(problems(GOOD.replace("action: test.quarantine", "action: test.nuke")))
                .containsExactly("pb.yml:13: step quarantine: unknown action 'test.nuke' (cloudwarden playbooks actions lists them)");
        assertThat(problems(GOOD.replace("    target: instance\n    params", "    target: bucket\n    params")))
                .containsExactly("pb.yml:14: step quarantine: test.quarantine acts on [instance], not bucket");
        assertThat(problems(GOOD.replace("{reason: \"incident\"}", "{force: \"yes\"}")))
                .containsExactly("pb.yml:15: step quarantine: test.quarantine takes no parameter 'force' (it takes [reason])");
        assertThat(problems(GOOD.replace("    approval: true\n", "")))
                .contains("pb.yml:17: step terminate: test.terminate is destructive: it needs 'approval: true'");
        assertThat(problems(GOOD.replace("incident.severity == \"critical\"", "incident.severity ==")))
                .singleElement().asString().startsWith("pb.yml:21: step terminate: when: ");
        assertThat(problems(GOOD.replace("goto:terminate", "goto:nowhere")))
                .containsExactly("pb.yml:12: step quarantine: on_failure goes to 'nowhere', which is no step of this playbook");
        assertThat(problems(GOOD.replace("id: quarantine", "id: snapshot")))
                .contains("pb.yml:12: step id 'snapshot' is used twice");
        assertThat(problems(GOOD.replace("[A3, M2]", "[A3, Z9]")))
                .containsExactly("pb.yml:4: unknown catalog row 'Z9' (T1-T5, A1-A6, M1-M6)");
        assertThat(problems(GOOD.replace("[T1496]", "[1496]")))
                .containsExactly("pb.yml:5: '1496' is not an ATT&CK technique id (T1234 or T1234.001)");
        assertThat(problems(GOOD.replace("min_severity: high", "min_severity: loud")))
                .containsExactly("pb.yml:6: min_severity must be one of informational, low, medium, high, critical");
        assertThat(problems(GOOD.replace("    target: instance\n  - id: quarantine", "    taget: instance\n  - id: quarantine")))
                .singleElement().asString().startsWith("pb.yml:11: unknown key 'taget'");
        assertThat(problems("id: x\ntitle: t\ntrigger: {}\nsteps: [\n")).singleElement().asString().startsWith("pb.yml:5: not YAML");
        assertThat(problems("id: x\ntitle: t\ntrigger: {}\nsteps: []\n")).containsExactly("pb.yml:4: a playbook needs at least one step");
    }

    @Test
    void theOtherStepsOfAFileWithABadOneAreStillChecked() {
        String twoBad = GOOD.replace("action: test.snapshot", "action: test.nope").replace("action: test.quarantine", "action: test.nuke");
        assertThat(problems(twoBad)).hasSize(2).anyMatch(p -> p.contains("test.nope")).anyMatch(p -> p.contains("test.nuke"));
    }
}
