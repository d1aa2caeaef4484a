package dev.cloudwarden.app.respond.aws;

import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.ApiCall;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** EC2 look-ups several actions make: one instance, its EBS volumes, snapshots by id or by tag. */
final class Ec2Instances {
    private Ec2Instances() {
    }

    static Instance describe(ActionContext context, Ec2Client ec2, String id) throws ActionException {
        return AwsCall.run(context, ApiCall.of("ec2", "DescribeInstances", "InstanceIds", List.of(id)),
                        () -> ec2.describeInstances(r -> r.instanceIds(id)), r -> "found")
                .reservations().stream().flatMap(r -> r.instances().stream()).findFirst()
                .orElseThrow(() -> new ActionException("instance " + id + " was not found"));
    }

    /** Device name → EBS volume id, in the instance's order. */
    static Map<String, String> volumes(Instance instance) {
        Map<String, String> out = new LinkedHashMap<>();
        for (InstanceBlockDeviceMapping m : instance.blockDeviceMappings()) {
            if (m.ebs() != null && m.ebs().volumeId() != null) {
                out.put(m.deviceName(), m.ebs().volumeId());
            }
        }
        return out;
    }

    static List<Snapshot> snapshots(ActionContext context, Ec2Client ec2, List<String> ids) throws ActionException {
        return AwsCall.run(context, ApiCall.of("ec2", "DescribeSnapshots", "SnapshotIds", ids),
                () -> ec2.describeSnapshots(r -> r.snapshotIds(ids)), r -> states(r.snapshots())).snapshots();
    }

    /** Snapshots carrying every one of {@code tags}. */
    static List<Snapshot> snapshotsTagged(ActionContext context, Ec2Client ec2, Map<String, String> tags)
            throws ActionException {
        List<Filter> filters = tags.entrySet().stream()
                .map(e -> Filter.builder().name("tag:" + e.getKey()).values(e.getValue()).build()).toList();
        return AwsCall.run(context, ApiCall.of("ec2", "DescribeSnapshots", "OwnerIds", List.of("self"), "Filters", filterText(tags)),
                () -> ec2.describeSnapshots(r -> r.ownerIds("self").filters(filters)), r -> states(r.snapshots())).snapshots();
    }

    static Map<String, String> filterText(Map<String, String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach((k, v) -> out.put("tag:" + k, v));
        return out;
    }

    static String states(List<Snapshot> snapshots) {
        return snapshots.isEmpty() ? "none" : snapshots.stream().map(s -> s.snapshotId() + " " + s.stateAsString())
                .collect(Collectors.joining(", "));
    }

    static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    static String tag(Instance instance, String key) {
        return instance.tags().stream().filter(t -> t.key().equals(key)).map(Tag::value).findFirst().orElse(null);
    }
}
