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
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code aws.ec2.quarantine_instance}: every network interface of the instance (not only the primary: a second
 * interface would otherwise keep the attacker's channel) moved into the VPC's quarantine group, a group with no
 * inbound and no outbound rule. Security groups are stateful, so connections already open are cut too once their
 * tracking ends; the instance keeps running, with its memory and disks, for the investigation.
 *
 * <p>Each interface's original groups are written on the interface as a tag ({@value #ORIGINAL_TAG}) before it is
 * moved, so a rerun reads the originals there rather than the quarantine group, and undo restores them.
 */
final class QuarantineInstance extends AwsAction {
    static final String NAME = "aws.ec2.quarantine_instance";
    static final String GROUP_NAME = "cloudwarden-quarantine";
    static final String GROUP_TAG = "cloudwarden:quarantine";
    static final String ORIGINAL_TAG = "cloudwarden:original-groups";
    static final String ENI_OUTPUT = "eni:";
    private static final String GROUP_DESCRIPTION = "CloudWarden quarantine: no inbound, no outbound";

    QuarantineInstance() {
        super(NAME, "Move every network interface of an instance into a quarantine security group with no rules",
                Effect.CONTAINMENT, EntityType.INSTANCE, Map.of());
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public StepPlan plan(Entity target, Map<String, String> params, ActionContext context) {
        String id = target.value();
        String vpc = unknown("VPC of " + id);
        String group = unknown("quarantine group of " + vpc);
        String enis = unknown("each network interface of " + id);
        return StepPlan.of(
                        ApiCall.of("ec2", "DescribeInstances", "InstanceIds", List.of(id)),
                        ApiCall.of("ec2", "DescribeNetworkInterfaces", "NetworkInterfaceIds", unknown("network interfaces of " + id)),
                        ApiCall.of("ec2", "DescribeSecurityGroups", "Filters", Map.of("vpc-id", vpc, "tag:" + GROUP_TAG, "true")),
                        ApiCall.of("ec2", "CreateSecurityGroup", "GroupName", GROUP_NAME, "VpcId", vpc,
                                "GroupDescription", GROUP_DESCRIPTION, "If", "no quarantine group in " + vpc + " yet"),
                        ApiCall.of("ec2", "RevokeSecurityGroupEgress", "GroupId", group, "IpPermissions", "-1 to 0.0.0.0/0"),
                        ApiCall.of("ec2", "CreateTags", "Resources", enis, "Tags", Map.of(ORIGINAL_TAG, unknown("its groups"))),
                        ApiCall.of("ec2", "ModifyNetworkInterfaceAttribute", "NetworkInterfaceId", enis, "Groups", List.of(group)))
                .withNote("Open connections are cut as their tracking ends; the instance keeps running for the investigation.");
    }


    @Override
    public StepOutcome execute(Entity target, Map<String, String> params, ActionContext context) throws ActionException {
        Ec2Client ec2 = ec2For(target, context);
        String id = target.value();
        Instance instance = Ec2Instances.describe(context, ec2, id);
        List<String> eniIds = instance.networkInterfaces().stream().map(InstanceNetworkInterface::networkInterfaceId).toList();
        if (eniIds.isEmpty()) {
            throw new ActionException(id + " has no network interface to quarantine");
        }
        List<NetworkInterface> enis = AwsCall.run(context, ApiCall.of("ec2", "DescribeNetworkInterfaces", "NetworkInterfaceIds", eniIds),
                () -> ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(eniIds)),
                r -> r.networkInterfaces().size() + " interfaces").networkInterfaces();
        // an interface may sit in another VPC than the instance (multi-VPC attachments): each VPC has its group
        Map<String, String> groupByVpc = new LinkedHashMap<>();
        Map<String, String> outputs = new LinkedHashMap<>();
        int moved = 0;
        for (NetworkInterface eni : enis) {
            String vpc = eni.vpcId() != null ? eni.vpcId() : instance.vpcId();
            if (!groupByVpc.containsKey(vpc)) {
                groupByVpc.put(vpc, quarantineGroup(context, ec2, vpc));
            }
            String group = groupByVpc.get(vpc);
            String eniId = eni.networkInterfaceId();
            List<String> current = eni.groups().stream().map(GroupIdentifier::groupId).toList();
            Optional<String> recorded = eni.tagSet().stream().filter(t -> t.key().equals(ORIGINAL_TAG)).map(Tag::value).findFirst();
            String original = recorded.orElse(String.join(",", current));
            if (recorded.isEmpty()) {
                AwsCall.run(context, ApiCall.of("ec2", "CreateTags", "Resources", List.of(eniId), "Tags", Map.of(ORIGINAL_TAG, original)),
                        () -> ec2.createTags(r -> r.resources(eniId).tags(Tag.builder().key(ORIGINAL_TAG).value(original).build())),
                        r -> "tagged");
            }
            outputs.put(ENI_OUTPUT + eniId, original);
            if (!current.equals(List.of(group))) {
                AwsCall.run(context, ApiCall.of("ec2", "ModifyNetworkInterfaceAttribute", "NetworkInterfaceId", eniId,
                                "Groups", List.of(group)),
                        () -> ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eniId).groups(group)), r -> "moved");
                moved++;
            }
        }
        outputs.put("quarantine_group", String.join(",", groupByVpc.values()));
        return new StepOutcome(outputs, enis.size() + " network interfaces of " + id + " in " + outputs.get("quarantine_group")
                + (moved < enis.size() ? " (" + (enis.size() - moved) + " already)" : ""));
    }

    /** The VPC's quarantine group, found by tag or made, and left with no rule at all. */
    private static String quarantineGroup(ActionContext context, Ec2Client ec2, String vpc) throws ActionException {
        List<Filter> filters = List.of(Filter.builder().name("vpc-id").values(vpc).build(),
                Filter.builder().name("tag:" + GROUP_TAG).values("true").build());
        Optional<SecurityGroup> found = AwsCall.run(context,
                        ApiCall.of("ec2", "DescribeSecurityGroups", "Filters", Map.of("vpc-id", vpc, "tag:" + GROUP_TAG, "true")),
                        () -> ec2.describeSecurityGroups(r -> r.filters(filters)),
                        r -> r.securityGroups().isEmpty() ? "none" : r.securityGroups().get(0).groupId())
                .securityGroups().stream().findFirst();
        String id;
        List<IpPermission> egress;
        List<IpPermission> ingress;
        if (found.isPresent()) {
            id = found.get().groupId();
            egress = found.get().ipPermissionsEgress();
            ingress = found.get().ipPermissions();
        } else {
            Map<String, String> tags = new LinkedHashMap<>(Map.of(GROUP_TAG, "true", "Name", GROUP_NAME));
            id = AwsCall.run(context, ApiCall.of("ec2", "CreateSecurityGroup", "GroupName", GROUP_NAME, "VpcId", vpc,
                            "GroupDescription", GROUP_DESCRIPTION, "TagSpecifications", tags),
                    () -> ec2.createSecurityGroup(r -> r.groupName(GROUP_NAME).vpcId(vpc).description(GROUP_DESCRIPTION)
                            .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SECURITY_GROUP)
                                    .tags(Ec2Instances.tags(tags)).build())),
                    r -> r.groupId() + " created").groupId();
            // EC2 gives a new group an allow-all egress rule: revoked below, so nothing leaves either
            egress = List.of(IpPermission.builder().ipProtocol("-1")
                    .ipRanges(r -> r.cidrIp("0.0.0.0/0")).build());
            ingress = List.of();
        }
        for (IpPermission p : egress) {
            AwsCall.run(context, ApiCall.of("ec2", "RevokeSecurityGroupEgress", "GroupId", id, "IpPermissions", describe(p)),
                    () -> ec2.revokeSecurityGroupEgress(r -> r.groupId(id).ipPermissions(p)), r -> "revoked");
        }
        for (IpPermission p : ingress) {
            AwsCall.run(context, ApiCall.of("ec2", "RevokeSecurityGroupIngress", "GroupId", id, "IpPermissions", describe(p)),
                    () -> ec2.revokeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(p)), r -> "revoked");
        }
        return id;
    }

    private static String describe(IpPermission p) {
        return p.ipProtocol() + (p.fromPort() == null ? "" : " " + p.fromPort() + "-" + p.toPort()) + " "
                + p.ipRanges().stream().map(r -> r.cidrIp()).toList();
    }

    @Override
    public StepOutcome undo(Entity target, Map<String, String> params, Map<String, String> outputs, ActionContext context)
            throws ActionException {
        Ec2Client ec2 = clients(context).ec2();
        int restored = 0;
        for (Map.Entry<String, String> e : outputs.entrySet()) {
            if (!e.getKey().startsWith(ENI_OUTPUT)) {
                continue;
            }
            String eniId = e.getKey().substring(ENI_OUTPUT.length());
            List<String> groups = Arrays.asList(e.getValue().split(","));
            AwsCall.run(context, ApiCall.of("ec2", "ModifyNetworkInterfaceAttribute", "NetworkInterfaceId", eniId, "Groups", groups),
                    () -> ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eniId).groups(groups)), r -> "restored");
            AwsCall.run(context, ApiCall.of("ec2", "DeleteTags", "Resources", List.of(eniId), "Tags", List.of(ORIGINAL_TAG)),
                    () -> ec2.deleteTags(r -> r.resources(eniId).tags(Tag.builder().key(ORIGINAL_TAG).build())), r -> "untagged");
            restored++;
        }
        return new StepOutcome(Map.of(), restored + " network interfaces of " + target.value() + " back in their groups");
    }
}
