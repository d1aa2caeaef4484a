package dev.cloudwarden.app.posture.aws;

import software.amazon.awssdk.services.ec2.Ec2Client;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One region's EC2 and VPC: security groups, instances (their metadata options), volumes, network ACLs, the
 * account's own images and snapshots, VPCs with their flow logs. Each is the CLI's {@code describe-*} output; two
 * need a second call, merged into their resources under the names the checks read:
 * <ul>
 *   <li>a snapshot's {@code CreateVolumePermissions} is {@code [{"Group": "all"}]} when DescribeSnapshots with
 *   RestorableByUserIds=all lists it (public), else empty: one call for all snapshots instead of one per snapshot
 *   (shares with named accounts are not listed); left out when that call failed, so the check is not judged;</li>
 *   <li>a VPC's {@code FlowLogs} are the flow logs whose ResourceId is the VPC; when DescribeFlowLogs failed the
 *   VPCs are left out, since "no flow logs" would be a finding the scan did not see.</li>
 * </ul>
 */
record Ec2Scan(Ec2Client ec2, Calls calls, List<LiveDocument> out) {
    static void scan(Ec2Client ec2, Calls calls, List<LiveDocument> out) {
        new Ec2Scan(ec2, calls, out).all();
    }

    private void all() {
        add("DescribeSecurityGroups", () -> CliJson.merged(ec2.describeSecurityGroupsPaginator()));
        add("DescribeInstances", () -> CliJson.merged(ec2.describeInstancesPaginator()));
        add("DescribeVolumes", () -> CliJson.merged(ec2.describeVolumesPaginator()));
        add("DescribeNetworkAcls", () -> CliJson.merged(ec2.describeNetworkAclsPaginator()));
        add("DescribeImages", () -> CliJson.merged(ec2.describeImagesPaginator(r -> r.owners("self"))));
        snapshots();
        vpcs();
    }

    private void add(String operation, Supplier<Map<String, Object>> call) {
        Map<String, Object> content = calls.get(operation, call);
        if (content != null) {
            out.add(calls.document(operation, content));
        }
    }

    private void snapshots() {
        Map<String, Object> own = calls.get("DescribeSnapshots",
                () -> CliJson.merged(ec2.describeSnapshotsPaginator(r -> r.ownerIds("self"))));
        if (own == null) {
            return;
        }
        Map<String, Object> shared = calls.get("DescribeSnapshots (RestorableByUserIds=all)",
                () -> CliJson.merged(ec2.describeSnapshotsPaginator(r -> r.ownerIds("self").restorableByUserIds("all"))));
        if (shared != null) {
            Set<Object> everyone = new HashSet<>();
            elements(shared, "Snapshots").forEach(s -> everyone.add(s.get("SnapshotId")));
            for (Map<String, Object> s : elements(own, "Snapshots")) {
                s.put("CreateVolumePermissions", everyone.contains(s.get("SnapshotId"))
                        ? List.of(Map.of("Group", "all")) : List.of());
            }
        }
        out.add(calls.document("DescribeSnapshots", own));
    }

    private void vpcs() {
        Map<String, Object> vpcs = calls.get("DescribeVpcs", () -> CliJson.merged(ec2.describeVpcsPaginator()));
        Map<String, Object> flowLogs = calls.get("DescribeFlowLogs", () -> CliJson.merged(ec2.describeFlowLogsPaginator()));
        if (vpcs == null || flowLogs == null) {
            return;
        }
        Map<Object, List<Object>> byResource = new LinkedHashMap<>();
        elements(flowLogs, "FlowLogs").forEach(f -> byResource.computeIfAbsent(f.get("ResourceId"), k -> new ArrayList<>()).add(f));
        for (Map<String, Object> vpc : elements(vpcs, "Vpcs")) {
            vpc.put("FlowLogs", byResource.getOrDefault(vpc.get("VpcId"), List.of()));
        }
        out.add(calls.document("DescribeVpcs", vpcs));
    }

    /** The objects listed under {@code key}: CliJson's own maps, so merging into them is safe. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> elements(Map<String, Object> output, String key) {
        List<Map<String, Object>> list = new ArrayList<>();
        if (output.get(key) instanceof List<?> l) {
            l.stream().filter(Map.class::isInstance).forEach(e -> list.add((Map<String, Object>) e));
        }
        return list;
    }
}
