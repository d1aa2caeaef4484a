package dev.cloudwarden.app.respond.aws;

import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.simulate.cloud.CloudState.Instance;
import dev.cloudwarden.simulate.cloud.EstateSeed;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Ec2RecoveryTest extends FakeAwsTestBase {

    @Test
    void theReplacementRunsFromTheKnownGoodTemplateInTheOriginalsSubnetAndIsLaunchedOnce() throws Exception {
        TestContext context = new TestContext(incidentOn(instance(APP_1)), clients);
        Map<String, String> params = Map.of("launch_template", EstateSeed.KNOWN_GOOD_TEMPLATE);
        StepOutcome out = run(LaunchReplacement.NAME, instance(APP_1), params, context);

        Instance replacement = state.instances.get(out.outputs().get("instance_id"));
        Instance original = state.instances.get(APP_1);
        assertThat(replacement.state).isEqualTo("running");
        assertThat(replacement.launchTemplateId).isEqualTo(EstateSeed.KNOWN_GOOD_TEMPLATE);
        assertThat(replacement.imageId).isEqualTo(EstateSeed.KNOWN_GOOD_IMAGE);
        assertThat(replacement.subnetId).isEqualTo(original.subnetId);
        assertThat(replacement.type).isEqualTo(original.type);
        assertThat(replacement.tags).containsEntry(LaunchReplacement.REPLACES_TAG, APP_1);

        StepOutcome again = run(LaunchReplacement.NAME, instance(APP_1), params, context);
        assertThat(again.outputs().get("instance_id")).isEqualTo(out.outputs().get("instance_id"));
        assertThat(state.instances.values()).filteredOn(i -> APP_1.equals(i.tags.get(LaunchReplacement.REPLACES_TAG))).hasSize(1);
    }

    @Test
    void aReplacementFromAnImageTakesTheGivenType() throws Exception {
        TestContext context = new TestContext(incidentOn(instance(APP_1)), clients);
        StepOutcome out = run(LaunchReplacement.NAME, instance(APP_1),
                Map.of("image_id", "ami-0feedface0000001", "instance_type", "m7i.large"), context);
        Instance replacement = state.instances.get(out.outputs().get("instance_id"));
        assertThat(replacement.imageId).isEqualTo("ami-0feedface0000001");
        assertThat(replacement.type).isEqualTo("m7i.large");
    }

    @Test
    void withoutAGivenSourceTheReplacementComesFromTheTemplateTheInstanceWasLaunchedFrom() throws Exception {
        TestContext context = new TestContext(incidentOn(instance(APP_1)), clients);
        StepOutcome out = run(LaunchReplacement.NAME, instance(APP_1), Map.of(), context);
        assertThat(out.outputs()).containsEntry("source", state.instances.get(APP_1).tags.get(LaunchReplacement.TEMPLATE_TAG));
        assertThat(state.instances.get(out.outputs().get("instance_id")).launchTemplateId)
                .isEqualTo(state.instances.get(APP_1).tags.get(LaunchReplacement.TEMPLATE_TAG));
    }

    @Test
    void aReplacementNeedsAKnownGoodSource() {
        state.instances.get(APP_1).tags.remove(LaunchReplacement.TEMPLATE_TAG);
        TestContext context = new TestContext(incidentOn(instance(APP_1)), clients);
        assertThatThrownBy(() -> run(LaunchReplacement.NAME, instance(APP_1), Map.of(), context))
                .hasMessageContaining("launch_template or image_id");
        assertThat(fake.calls("RunInstances")).isZero();
    }

    @Test
    void terminationIsRefusedUntilEverySnapshotIsCompletedThenDone() throws Exception {
        TestContext protect = new TestContext(incidentOn(instance(APP_1)), clients).step("protect");
        run(ProtectInstance.NAME, instance(APP_1), Map.of(), protect);

        // no snapshot at all yet
        TestContext terminate = protect.step("terminate");
        assertThatThrownBy(() -> run(TerminateInstance.NAME, instance(APP_1), Map.of(), terminate))
                .hasMessageContaining("refusing to terminate");

        // snapshots taken but still pending
        state.snapshotDescribesToComplete = 1000;
        TestContext snapshot = protect.step("snapshot");
        assertThatThrownBy(() -> run(SnapshotVolumes.NAME, instance(APP_1), Map.of("timeout_minutes", "1"), snapshot))
                .isInstanceOf(ActionException.class);
        assertThatThrownBy(() -> run(TerminateInstance.NAME, instance(APP_1), Map.of(), terminate))
                .hasMessageContaining("refusing to terminate").hasMessageContaining("pending");
        assertThat(state.instances.get(APP_1).state).isEqualTo("running");
        assertThat(fake.calls("TerminateInstances")).isZero();

        // completed: the snapshot step's outputs are checked again against EC2, then protection off and terminate
        state.snapshotDescribesToComplete = 1;
        run(SnapshotVolumes.NAME, instance(APP_1), Map.of(), snapshot);
        StepOutcome done = run(TerminateInstance.NAME, instance(APP_1), Map.of("snapshot_step", "snapshot"), terminate);
        assertThat(state.instances.get(APP_1).state).isEqualTo("terminated");
        assertThat(done.outputs().get("evidence").split(",")).hasSize(2);
        assertThat(state.snapshots.values()).hasSize(2).allSatisfy(s -> assertThat(s.status).isEqualTo("completed"));

        run(TerminateInstance.NAME, instance(APP_1), Map.of("snapshot_step", "snapshot"), terminate);
        assertThat(fake.calls("TerminateInstances")).isEqualTo(1);
    }

    @Test
    void terminateNeedsTheSnapshotStepBeforeIt() {
        assertThat(action(TerminateInstance.NAME).requiresBefore()).containsExactly(SnapshotVolumes.NAME);
        assertThat(action(TerminateInstance.NAME).effect()).isEqualTo(dev.cloudwarden.app.respond.action.Effect.DESTRUCTIVE);
    }
}
