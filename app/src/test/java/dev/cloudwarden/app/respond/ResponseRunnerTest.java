package dev.cloudwarden.app.respond;

import dev.cloudwarden.app.respond.action.Actions;
import dev.cloudwarden.app.respond.playbook.Playbook;
import dev.cloudwarden.app.respond.playbook.PlaybookLoader;
import dev.cloudwarden.app.respond.run.Clients;
import dev.cloudwarden.app.respond.run.PlanWriter;
import dev.cloudwarden.app.respond.run.Planner;
import dev.cloudwarden.app.respond.run.ResponsePlan;
import dev.cloudwarden.app.respond.run.ResponseRunner;
import dev.cloudwarden.app.respond.run.RunReport;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.ResponseAuditEntry;
import dev.cloudwarden.app.store.ResponseStep;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import dev.cloudwarden.engine.incident.Incident;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Plans and runs over a real DuckDB store, with actions over an in-memory estate: resume, approvals, failures, undo. */
class ResponseRunnerTest {
    static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC);
    static final String I1 = "i-0a11111111111111a";
    static final String I2 = "i-0b22222222222222b";

    @TempDir
    Path dir;
    PlatformStore store;
    TestActions estate;
    Actions actions;
    Playbook playbook;
    Incident incident;

    @BeforeEach
    void setUp() {
        store = PlatformStore.open(dir.resolve("cw.duckdb").toString());
        estate = new TestActions();
        estate.instances.put(I1, "running");
        estate.instances.put(I2, "running");
        actions = estate.actions();
        PlaybookLoader.Loaded loaded = new PlaybookLoader(actions).load("pb.yml", PlaybookLoaderTest.GOOD
                .replace("    when: incident.severity == \"critical\"\n", ""));
        assertThat(loaded.problems()).isEmpty();
        playbook = loaded.playbook();
        Event e = Event.builder(SourceType.CLOUDTRAIL, T0, RawRecord.ofJson("{\"eventName\":\"RunInstances\"}".getBytes(StandardCharsets.UTF_8))).build();
        Alert a = new Alert("a1", "r1", "Miner launched", Level.HIGH, T0, List.of("cloudwarden.a3", "attack.t1496"), List.of(e));
        incident = Incident.of(List.of(a), List.of(new Entity(EntityType.INSTANCE, I1), new Entity(EntityType.INSTANCE, I2),
                new Entity(EntityType.ACCESS_KEY, "AKIAEXAMPLE")));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ResponsePlan plan() {
        return new Planner(actions, CLOCK).plan(incident, playbook);
    }

    private ResponseRunner runner() {
        return new ResponseRunner(store, Clients.none(), "ana", CLOCK, ResponseRunner.Pauser.NONE);
    }

    private Map<String, String> statuses() {
        Map<String, String> out = new HashMap<>();
        store.responseSteps(plan().responseId()).forEach(s -> out.put(s.stepKey(), s.status()));
        return out;
    }

    @Test
    void theTriggerChoosesThePlaybookAndThePlanCoversEveryTargetInOrder() {
        assertThat(new Planner(actions, CLOCK).plans(incident, List.of(playbook))).hasSize(1);
        ResponsePlan p = plan();
        assertThat(p.steps()).extracting(s -> s.key()).containsExactly("snapshot@instance:" + I1, "snapshot@instance:" + I2,
                "quarantine@instance:" + I1, "quarantine@instance:" + I2, "terminate@instance:" + I1, "terminate@instance:" + I2);
        assertThat(p.responseId()).isEqualTo(Planner.responseId(incident.id(), "contain-instance")).startsWith("resp-");
        Incident low = Incident.of(List.of(new Alert("a2", "r1", "t", Level.LOW, T0, List.of("cloudwarden.a3"), incident.alerts().get(0).events())),
                incident.entities());
        assertThat(new Planner(actions, CLOCK).plans(low, List.of(playbook))).as("below min_severity").isEmpty();
        assertThat(estate.runs).as("a plan runs nothing").isEmpty();
    }

    @Test
    void theDryRunShowsEveryCallItsCostAndWhatWaitsForApproval() throws Exception {
        StringWriter table = new StringWriter();
        PlanWriter.table(plan(), Map.of(), new PrintWriter(table));
        assertThat(table.toString()).isEqualTo("""
                Response %1$s: playbook contain-instance (Keep the evidence, contain, replace)
                Incident %2$s: high, A3, first alert 2026-11-20T08:00:00Z
                #   STEP       TARGET                       ACTION          EFFECT      APPROVAL STATUS
                1   snapshot   instance:i-0a11111111111111a test.snapshot   evidence    -        planned
                      test test.snapshot {"Target":"i-0a11111111111111a","Params":{}}
                      cost: $0.40 snapshot storage (8 GiB at $0.05/GiB-month)
                2   snapshot   instance:i-0b22222222222222b test.snapshot   evidence    -        planned
                      test test.snapshot {"Target":"i-0b22222222222222b","Params":{}}
                      cost: $0.40 snapshot storage (8 GiB at $0.05/GiB-month)
                3   quarantine instance:i-0a11111111111111a test.quarantine containment -        planned
                      test test.quarantine {"Target":"i-0a11111111111111a","Params":{"reason":"incident"}}
                4   quarantine instance:i-0b22222222222222b test.quarantine containment -        planned
                      test test.quarantine {"Target":"i-0b22222222222222b","Params":{"reason":"incident"}}
                5   terminate  instance:i-0a11111111111111a test.terminate  destructive needed   planned
                      test test.terminate {"Target":"i-0a11111111111111a","Params":{}}
                6   terminate  instance:i-0b22222222222222b test.terminate  destructive needed   planned
                      test test.terminate {"Target":"i-0b22222222222222b","Params":{}}
                Estimated cost of the steps: $0.80
                """.formatted(plan().responseId(), incident.id()));
        StringWriter json = new StringWriter();
        PlanWriter.json(plan(), Map.of(), json);
        assertThat(json.toString().lines().findFirst().orElseThrow()).isEqualTo(("{\"response_id\":\"%s\",\"incident_id\":\"%s\","
                + "\"playbook\":\"contain-instance\",\"position\":1,\"step\":\"snapshot\",\"title\":\"test action test.snapshot\","
                + "\"target\":\"instance:i-0a11111111111111a\",\"action\":\"test.snapshot\",\"effect\":\"evidence\","
                + "\"approval\":false,\"status\":\"planned\",\"calls\":[{\"service\":\"test\",\"operation\":\"test.snapshot\","
                + "\"parameters\":{\"Target\":\"i-0a11111111111111a\",\"Params\":{}}}],\"costs\":[{\"what\":\"snapshot storage\","
                + "\"usd\":0.4,\"basis\":\"8 GiB at $0.05/GiB-month\"}],\"notes\":[]}").formatted(plan().responseId(), incident.id()));
        assertThat(json.toString().lines()).hasSize(6);
    }

    @Test
    void aDestructiveStepWaitsForApprovalThenRunsAfterTheEvidence() throws Exception {
        RunReport first = runner().execute(plan());
        assertThat(first.complete()).isFalse();
        assertThat(first.stoppedAt().key()).isEqualTo("terminate@instance:" + I1);
        assertThat(first.reason()).contains("--approve terminate");
        assertThat(estate.instances).containsEntry(I1, "quarantined").containsEntry(I2, "quarantined");
        assertThat(estate.snapshots).containsOnlyKeys(I1, I2);
        assertThat(statuses()).containsEntry("terminate@instance:" + I1, ResponseStep.WAITING_APPROVAL);
        runner().approve(plan(), "terminate");
        RunReport second = runner().execute(plan());
        assertThat(second.complete()).isTrue();
        assertThat(estate.instances).containsEntry(I1, "terminated").containsEntry(I2, "terminated");
        assertThat(estate.runs).as("the steps done before were not run again").containsEntry("test.snapshot", 2)
                .containsEntry("test.quarantine", 2).containsEntry("test.terminate", 2);
        List<ResponseAuditEntry> trail = store.responseTrail(incident.id());
        assertThat(trail).extracting(ResponseAuditEntry::event).contains("started", "call", "succeeded", "waiting_approval", "approved");
        assertThat(trail).filteredOn(t -> t.event().equals("approved")).singleElement().satisfies(t -> {
            assertThat(t.actor()).isEqualTo("ana");
            assertThat(t.stepId()).isEqualTo("terminate");
        });
        assertThat(trail).filteredOn(t -> t.event().equals("call")).first().satisfies(t -> {
            assertThat(t.service()).isEqualTo("ec2");
            assertThat(t.operation()).isEqualTo("CreateSnapshot");
            assertThat(t.requestId()).isEqualTo("req-1");
            assertThat(t.parameters()).containsEntry("InstanceId", I1);
            assertThat(t.ok()).isTrue();
        });
        assertThat(trail).extracting(ResponseAuditEntry::id).isSorted();
    }

    @Test
    void aFailureInTheMiddleStopsAndARerunResumesWithoutRedoingWhatSucceeded() throws Exception {
        runner().approve(plan(), "terminate");
        estate.failNext.put("test.quarantine", "RequestLimitExceeded");
        RunReport failed = runner().execute(plan());
        assertThat(failed.failed()).isTrue();
        // quarantine's on_failure is goto:terminate, which then terminated both after their snapshots
        assertThat(statuses()).containsEntry("quarantine@instance:" + I1, ResponseStep.FAILED)
                .containsEntry("terminate@instance:" + I1, ResponseStep.SUCCEEDED);
        assertThat(store.responseSteps(plan().responseId())).filteredOn(s -> s.status().equals(ResponseStep.FAILED))
                .singleElement().satisfies(s -> assertThat(s.error()).startsWith("RequestLimitExceeded: test.quarantine failed on " + I1)
                        .endsWith("(request req-failed)"));
        RunReport resumed = runner().execute(plan());
        assertThat(resumed.complete()).isTrue();
        assertThat(resumed.results()).filteredOn(r -> r.resumed()).hasSize(4);
        assertThat(estate.runs).containsEntry("test.snapshot", 2).containsEntry("test.terminate", 2)
                .containsEntry("test.quarantine", 3);
    }

    @Test
    void aStopOnFailureKeepsTheStateAndTheNextRunPicksUpAtTheFailedStep() throws Exception {
        Playbook stop = new PlaybookLoader(actions).load("pb.yml", PlaybookLoaderTest.GOOD.replace("    on_failure: goto:terminate\n", "")
                .replace("    when: incident.severity == \"critical\"\n", "")).playbook();
        ResponsePlan p = new Planner(actions, CLOCK).plan(incident, stop);
        estate.failNext.put("test.quarantine", "InternalError");
        RunReport failed = runner().execute(p);
        assertThat(failed.stoppedAt().key()).isEqualTo("quarantine@instance:" + I1);
        assertThat(estate.instances).containsEntry(I1, "running");
        RunReport again = runner().execute(p);
        assertThat(again.stoppedAt().key()).as("now at the approval").isEqualTo("terminate@instance:" + I1);
        assertThat(estate.instances).containsEntry(I1, "quarantined").containsEntry(I2, "quarantined");
        assertThat(estate.runs).containsEntry("test.snapshot", 2);
    }

    @Test
    void aStepIsUndoneFromTheOutputsItKept() throws Exception {
        runner().execute(plan());
        RunReport undone = runner().undo(plan(), "quarantine");
        assertThat(undone.complete()).isTrue();
        assertThat(estate.instances).containsEntry(I1, "running").containsEntry(I2, "running");
        assertThat(statuses()).containsEntry("quarantine@instance:" + I1, ResponseStep.UNDONE);
        assertThat(runner().undo(plan(), "snapshot").reason()).isEqualTo("test.snapshot cannot be undone");
    }

    @Test
    void aConditionThatDoesNotHoldSkipsTheStepAndSaysWhy() throws Exception {
        Playbook critical = new PlaybookLoader(actions).load("pb.yml", PlaybookLoaderTest.GOOD).playbook();
        ResponsePlan p = new Planner(actions, CLOCK).plan(incident, critical);
        assertThat(p.steps()).filteredOn(s -> s.step().id().equals("terminate"))
                .allSatisfy(s -> assertThat(s.skipReason()).isEqualTo("when incident.severity == \"critical\" is false"));
        RunReport r = runner().execute(p);
        assertThat(r.complete()).isTrue();
        assertThat(estate.instances).containsEntry(I1, "quarantined");
    }
}
