package dev.cloudwarden.app.respond.aws;

import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.ApiCall;
import dev.cloudwarden.app.respond.action.Effect;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.app.respond.action.StepPlan;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Snapshot;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code aws.ec2.terminate_instance}: the one destructive EC2 step, so it checks its evidence itself rather than trust
 * the playbook's order: every EBS volume the instance has now must have a snapshot of this response, and EC2 must say
 * each is {@code completed}; otherwise it refuses and changes nothing. Then termination protection off (a protected
 * instance is the norm after {@code aws.ec2.protect_instance}) and TerminateInstances.
 */
final class TerminateInstance extends AwsAction {
    static final String NAME = "aws.ec2.terminate_instance";

    TerminateInstance() {
        super(NAME, "Terminate an instance, only once completed snapshots of all its volumes exist", Effect.DESTRUCTIVE,
                EntityType.INSTANCE, Map.of("snapshot_step", "id of the step that ran " + SnapshotVolumes.NAME
                        + " on this instance (default: this response's snapshots, found by tag)"));
    }

    @Override
    public List<String> requiresBefore() {
        return List.of(SnapshotVolumes.NAME);
    }

    @Override
    public StepPlan plan(Entity target, Map<String, String> params, ActionContext context) {
        String id = target.value();
        return StepPlan.of(ApiCall.of("ec2", "DescribeInstances", "InstanceIds", List.of(id)),
                        ApiCall.of("ec2", "DescribeSnapshots", "SnapshotIds", unknown("snapshots of " + id + " from "
                                + params.getOrDefault("snapshot_step", "this response"))),
                        ApiCall.of("ec2", "ModifyInstanceAttribute", "InstanceId", id, "DisableApiTermination", false),
                        ApiCall.of("ec2", "TerminateInstances", "InstanceIds", List.of(id)))
                .withNote("Cannot be undone. Refused unless every volume of " + id + " has a completed snapshot.");
    }

    @Override
    public StepOutcome execute(Entity target, Map<String, String> params, ActionContext context) throws ActionException {
        Ec2Client ec2 = ec2For(target, context);
        String id = target.value();
        Instance instance = Ec2Instances.describe(context, ec2, id);
        String state = instance.state().nameAsString();
        if (state.equals("terminated") || state.equals("shutting-down")) {
            return new StepOutcome(Map.of("instance", id, "state", state), id + " already " + state);
        }
        List<Snapshot> evidence = evidence(context, ec2, id, params);
        Set<String> covered = evidence.stream().filter(s -> s.stateAsString().equals("completed"))
                .map(Snapshot::volumeId).collect(Collectors.toSet());
        List<String> missing = Ec2Instances.volumes(instance).values().stream().filter(v -> !covered.contains(v)).toList();
        if (!missing.isEmpty()) {
            throw new ActionException("refusing to terminate " + id + ": no completed snapshot of " + missing
                    + " (snapshots: " + Ec2Instances.states(evidence) + "); run or rerun " + SnapshotVolumes.NAME + " first");
        }
        AwsCall.run(context, ApiCall.of("ec2", "ModifyInstanceAttribute", "InstanceId", id, "DisableApiTermination", false),
                () -> ec2.modifyInstanceAttribute(r -> r.instanceId(id).disableApiTermination(b -> b.value(false))), r -> "off");
        String now = AwsCall.run(context, ApiCall.of("ec2", "TerminateInstances", "InstanceIds", List.of(id)),
                        () -> ec2.terminateInstances(r -> r.instanceIds(id)),
                        r -> r.terminatingInstances().get(0).currentState().nameAsString())
                .terminatingInstances().get(0).currentState().nameAsString();
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("instance", id);
        outputs.put("state", now);
        outputs.put("evidence", evidence.stream().map(Snapshot::snapshotId).collect(Collectors.joining(",")));
        return new StepOutcome(outputs, id + " " + now + "; evidence kept in " + outputs.get("evidence"));
    }

    /** The snapshot step's snapshots as EC2 sees them now, or this response's snapshots of the instance by tag. */
    private static List<Snapshot> evidence(ActionContext context, Ec2Client ec2, String id, Map<String, String> params)
            throws ActionException {
        String step = params.get("snapshot_step");
        if (step != null) {
            String ids = context.outputsOf(step).get("snapshot_ids");
            if (ids == null || ids.isBlank()) {
                throw new ActionException("refusing to terminate " + id + ": step " + step + " has no snapshots in its outputs");
            }
            return Ec2Instances.snapshots(context, ec2, Arrays.asList(ids.split(",")));
        }
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(RESPONSE_TAG, context.responseId());
        tags.put(SnapshotVolumes.INSTANCE_TAG, id);
        return Ec2Instances.snapshotsTagged(context, ec2, tags);
    }
}
