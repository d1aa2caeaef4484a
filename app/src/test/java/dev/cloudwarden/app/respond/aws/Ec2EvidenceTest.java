package dev.cloudwarden.app.respond.aws;

import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.simulate.cloud.CloudState.Instance;
import dev.cloudwarden.simulate.cloud.CloudState.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Ec2EvidenceTest extends FakeAwsTestBase {

    private List<Snapshot> snapshotsOf(String instance) {
        return state.snapshots.values().stream().filter(s -> instance.equals(s.tags.get(SnapshotVolumes.INSTANCE_TAG))).toList();
    }

    @Test
    void everyVolumeGetsOneCompletedTaggedSnapshot() throws Exception {
        TestContext context = new TestContext(incidentOn(instance(APP_1)), clients);
        StepOutcome out = run(SnapshotVolumes.NAME, instance(APP_1), Map.of(), context);

        Instance app1 = state.instances.get(APP_1);
        List<Snapshot> snaps = snapshotsOf(APP_1);
        assertThat(snaps).hasSize(app1.devices.size());
        assertThat(snaps).extracting(s -> s.volumeId).containsExactlyInAnyOrderElementsOf(app1.devices.values());
        assertThat(snaps).allSatisfy(s -> {
            assertThat(s.status).isEqualTo("completed");
            assertThat(s.tags).containsEntry(AwsAction.RESPONSE_TAG, "resp-1").containsEntry(AwsAction.STEP_TAG, "step-1")
                    .containsEntry(SnapshotVolumes.EVIDENCE_TAG, "true").containsKey(SnapshotVolumes.DEVICE_TAG);
        });
        assertThat(out.outputs().get("snapshot_ids").split(",")).hasSize(2);
        // 8 GiB root + 100 GiB data at $0.05/GiB-month
        assertThat(out.outputs()).containsEntry("total_gib", "108").containsEntry("estimated_usd_per_month", "5.40");
        assertThat(context.pauses).isPositive();
    }

    @Test
    void aSecondRunFindsTheSnapshotsByTagAndTakesNoMore() throws Exception {
        TestContext context = new TestContext(incidentOn(instance(APP_1)), clients);
        StepOutcome first = run(SnapshotVolumes.NAME, instance(APP_1), Map.of(), context);
        StepOutcome second = run(SnapshotVolumes.NAME, instance(APP_1), Map.of(), context);

        assertThat(snapshotsOf(APP_1)).hasSize(2);
        assertThat(fake.calls("CreateSnapshot")).isEqualTo(2);
        assertThat(second.outputs().get("snapshot_ids")).isEqualTo(first.outputs().get("snapshot_ids"));
    }

    @Test
    void aRunThatFailedHalfWayIsResumedWithoutDuplicates() throws Exception {
        // the 2nd CreateSnapshot fails with InternalError on every attempt the retry policy makes
        fake.fail("CreateSnapshot", 2, 5, 500, "InternalError");
        TestContext context = new TestContext(incidentOn(instance(APP_1)), clients);
        assertThatThrownBy(() -> run(SnapshotVolumes.NAME, instance(APP_1), Map.of(), context))
                .isInstanceOfSatisfying(ActionException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("InternalError");
                    assertThat(e.requestId()).isNotBlank();
                });
        assertThat(snapshotsOf(APP_1)).hasSize(1);

        run(SnapshotVolumes.NAME, instance(APP_1), Map.of(), context);
        assertThat(snapshotsOf(APP_1)).hasSize(2).allSatisfy(s -> assertThat(s.status).isEqualTo("completed"));
        assertThat(snapshotsOf(APP_1)).extracting(s -> s.volumeId).doesNotHaveDuplicates();
    }

    @Test
    void snapshotsThatDoNotCompleteInTimeFailTheStepAndARerunKeepsWaiting() throws Exception {
        state.snapshotDescribesToComplete = 1000;
        TestContext context = new TestContext(incidentOn(instance(APP_1)), clients);
        assertThatThrownBy(() -> run(SnapshotVolumes.NAME, instance(APP_1), Map.of("timeout_minutes", "1"), context))
                .hasMessageContaining("not completed within 1 minutes");
        state.snapshotDescribesToComplete = 1;
        run(SnapshotVolumes.NAME, instance(APP_1), Map.of(), context);
        assertThat(snapshotsOf(APP_1)).hasSize(2).allSatisfy(s -> assertThat(s.status).isEqualTo("completed"));
    }

    @Test
    void consoleOutputIsKeptDecoded() throws Exception {
        TestContext context = new TestContext(incidentOn(instance(APP_1)), clients);
        StepOutcome out = run(CaptureConsoleOutput.NAME, instance(APP_1), Map.of(), context);
        assertThat(out.outputs().get("console_output")).contains("Linux version").contains("app-1 is up");
    }
}
