package dev.cloudwarden.app.respond.aws;

import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.ApiCall;
import dev.cloudwarden.app.respond.action.CostEstimate;
import dev.cloudwarden.app.respond.action.Effect;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.app.respond.action.StepPlan;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code aws.ec2.snapshot_volumes}: a snapshot of every EBS volume of the instance, tagged with the response, the step,
 * the instance and the device, then waited on until every one is {@code completed} — the evidence a later
 * {@code aws.ec2.terminate_instance} checks for. A rerun finds the step's snapshots by their tags and takes only
 * those still missing.
 */
final class SnapshotVolumes extends AwsAction {
    static final String NAME = "aws.ec2.snapshot_volumes";
    /**
     * EBS snapshot storage, standard tier, US East (N. Virginia) list price in US dollars per GiB-month. A first
     * snapshot stores the used blocks of the volume, so the volume's full size is an upper bound.
     */
    static final double USD_PER_GIB_MONTH = 0.05;
    static final String INSTANCE_TAG = "cloudwarden:instance";
    static final String DEVICE_TAG = "cloudwarden:device";
    static final String EVIDENCE_TAG = "cloudwarden:evidence";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(60);
    private static final long POLL_MILLIS = 15_000;

    SnapshotVolumes() {
        super(NAME, "Snapshot every EBS volume of an instance as tagged evidence and wait until each is completed",
                Effect.EVIDENCE, EntityType.INSTANCE,
                Map.of("timeout_minutes", "how long to wait for the snapshots to complete (default 60)"));
    }

    @Override
    public StepPlan plan(Entity target, Map<String, String> params, ActionContext context) {
        String id = target.value();
        String volumes = unknown("volumes of " + id);
        return StepPlan.of(
                        ApiCall.of("ec2", "DescribeInstances", "InstanceIds", List.of(id)),
                        ApiCall.of("ec2", "DescribeVolumes", "VolumeIds", volumes),
                        ApiCall.of("ec2", "DescribeSnapshots", "OwnerIds", List.of("self"),
                                "Filters", Ec2Instances.filterText(stepTags(context))),
                        ApiCall.of("ec2", "CreateSnapshot", "VolumeId", unknown("each of the " + volumes.substring(1, volumes.length() - 1)),
                                "TagSpecifications", tags(context, id, unknown("device"))),
                        ApiCall.of("ec2", "DescribeSnapshots", "SnapshotIds", unknown("the new snapshots"),
                                "Repeat", "every " + POLL_MILLIS / 1000 + " s until completed"))
                .withCost(new CostEstimate("EBS snapshot storage", USD_PER_GIB_MONTH,
                        "$" + USD_PER_GIB_MONTH + " per GiB-month of the volumes of " + id + " (sizes known when it runs)"));
    }

    private static Map<String, String> tags(ActionContext context, String instance, String device) {
        Map<String, String> tags = stepTags(context);
        tags.put(INSTANCE_TAG, instance);
        tags.put(DEVICE_TAG, device);
        tags.put(EVIDENCE_TAG, "true");
        tags.put("cloudwarden:incident", context.incident().id());
        return tags;
    }

    @Override
    public StepOutcome execute(Entity target, Map<String, String> params, ActionContext context)
            throws ActionException, InterruptedException {
        Ec2Client ec2 = ec2For(target, context);
        String id = target.value();
        Map<String, String> devices = Ec2Instances.volumes(Ec2Instances.describe(context, ec2, id));
        if (devices.isEmpty()) {
            return new StepOutcome(Map.of("instance", id, "snapshot_ids", "", "snapshots", ""), id + " has no EBS volume");
        }
        List<String> volumeIds = List.copyOf(devices.values());
        List<Volume> volumes = AwsCall.run(context, ApiCall.of("ec2", "DescribeVolumes", "VolumeIds", volumeIds),
                () -> ec2.describeVolumes(r -> r.volumeIds(volumeIds)), r -> r.volumes().size() + " volumes").volumes();
        int gib = volumes.stream().mapToInt(Volume::size).sum();

        Map<String, String> byVolume = new LinkedHashMap<>();
        for (Snapshot s : Ec2Instances.snapshotsTagged(context, ec2, stepTags(context))) {
            if (!s.stateAsString().equals("error")) {
                byVolume.put(s.volumeId(), s.snapshotId());
            }
        }
        for (Map.Entry<String, String> d : devices.entrySet()) {
            String volume = d.getValue();
            if (byVolume.containsKey(volume)) {
                continue;
            }
            Map<String, String> tags = tags(context, id, d.getKey());
            String description = "CloudWarden evidence: " + id + " " + d.getKey() + ", incident " + context.incident().id();
            String snap = AwsCall.run(context, ApiCall.of("ec2", "CreateSnapshot", "VolumeId", volume, "Description", description,
                            "TagSpecifications", tags),
                    () -> ec2.createSnapshot(r -> r.volumeId(volume).description(description).tagSpecifications(
                            TagSpecification.builder().resourceType(ResourceType.SNAPSHOT).tags(Ec2Instances.tags(tags)).build())),
                    r -> r.snapshotId() + " " + r.stateAsString()).snapshotId();
            byVolume.put(volume, snap);
        }
        List<String> ids = volumeIds.stream().map(byVolume::get).toList();
        waitCompleted(context, ec2, ids, timeout(params));
        double usd = gib * USD_PER_GIB_MONTH;
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("instance", id);
        outputs.put("snapshot_ids", String.join(",", ids));
        outputs.put("snapshots", volumeIds.stream().map(v -> v + "=" + byVolume.get(v)).collect(Collectors.joining(",")));
        outputs.put("total_gib", String.valueOf(gib));
        outputs.put("estimated_usd_per_month", String.format(Locale.ROOT, "%.2f", usd));
        return new StepOutcome(outputs, ids.size() + " snapshots of " + id + " completed (" + gib + " GiB, about $"
                + outputs.get("estimated_usd_per_month") + "/month)");
    }

    private static Duration timeout(Map<String, String> params) throws ActionException {
        String t = params.get("timeout_minutes");
        try {
            return t == null ? DEFAULT_TIMEOUT : Duration.ofMinutes(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new ActionException("timeout_minutes must be a whole number of minutes, not " + t);
        }
    }

    /**
     * Polls until every snapshot is completed; one in {@code error} fails the step (a rerun takes it again). The wait
     * is counted in polls, not read from the clock, so a context whose pause returns at once still ends.
     */
    private static void waitCompleted(ActionContext context, Ec2Client ec2, List<String> ids, Duration timeout)
            throws ActionException, InterruptedException {
        long polls = Math.max(1, timeout.toMillis() / POLL_MILLIS);
        List<String> pending = new ArrayList<>(ids);
        for (long poll = 0; ; poll++) {
            for (Snapshot s : Ec2Instances.snapshots(context, ec2, List.copyOf(pending))) {
                if (s.stateAsString().equals("error")) {
                    throw new ActionException("snapshot " + s.snapshotId() + " of " + s.volumeId() + " failed: "
                            + s.stateMessage() + "; rerun the step to take it again");
                }
                if (s.stateAsString().equals("completed")) {
                    pending.remove(s.snapshotId());
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (poll >= polls) {
                throw new ActionException("snapshots " + pending + " not completed within " + timeout.toMinutes()
                        + " minutes; rerun the step to keep waiting (they are found by their tags)");
            }
            context.pause(POLL_MILLIS);
        }
    }
}
