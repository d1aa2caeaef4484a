package dev.cloudwarden.simulate.estate;

import dev.cloudwarden.simulate.scenario.Misconfiguration;
import dev.cloudwarden.simulate.scenario.World;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The VPC of {@link World}: its flow log (the simulation writes flow logs, so one exists), four security groups and
 * the six instances, as AWS Config records them.
 *
 * <p>What the scenarios need of the network, and nothing more: the app and Docker hosts (AESDDoS, Graboid) sit behind
 * {@code app-docker}, which the T3 attacker opens on 22 and 2375 to the internet; the build server and the file server
 * (GreedyAntd, QNAPCrypt, brute-forced over SSH from the internet) have SSH open to the world; the Hadoop node
 * (DemonBot) has its ResourceManager's 8088 open to the world and Postgres open to the partner's network only (the
 * T4 transfer); the app host whose role credentials the A1 attacker uses from outside still allows IMDSv1. The
 * worker is the locked-down one, and every other instance requires IMDSv2.
 */
final class Network {
    static final String REGION = "us-east-1";
    /** The group the T3 attacker opens (its id is in the scenario's CloudTrail records). */
    private static final Group APP = new Group("sg-0123456789abcdef0", "app-docker");
    private static final Group SSH = new Group("sg-0456789abcdef0123", "build-and-files");
    private static final Group HADOOP = new Group("sg-089abcdef01234567", "hadoop");
    private static final Group PRIVATE = new Group("sg-0fedcba9876543210", "workers");
    static final String FLOW_LOG = "fl-0a1b2c3d4e5f60718";
    private static final String VPC_CIDR = "10.0.0.0/16";
    private static final String WORLD = "0.0.0.0/0";
    /** The partner's network, reached over a VPN (the T4 transfer's peer addresses). */
    private static final String PARTNER_CIDR = "10.8.0.0/16";

    private record Group(String id, String name) {
    }

    /** What one instance of {@link World#INSTANCES} is: its name, size, group and metadata settings. */
    private record Host(int index, String name, String instanceType, Group group, boolean imdsV1, String profile) {
    }

    private static final List<Host> HOSTS = List.of(
            new Host(0, "app-1", "m6i.large", APP, true, "data-pipeline"),
            new Host(1, "build-1", "c6i.xlarge", SSH, false, null),
            new Host(2, "app-2", "m6i.large", APP, false, null),
            new Host(3, "hadoop-1", "r6i.2xlarge", HADOOP, false, null),
            new Host(4, "worker-1", "m6i.large", PRIVATE, false, null),
            new Host(5, "files-1", "m6i.large", SSH, false, null));

    private final Timeline time;

    Network(Timeline time) {
        this.time = time;
    }

    List<ConfigItem> items() {
        List<ConfigItem> items = new ArrayList<>();
        items.add(vpc());
        items.add(flowLog());
        items.add(appGroup());
        items.add(group(SSH, "Build server and file server", List.of(
                rule(22, WORLD, "admins from anywhere"), rule(445, VPC_CIDR, "SMB inside the VPC"))));
        items.add(group(HADOOP, "Hadoop ResourceManager and the sync database", List.of(
                rule(8088, WORLD, "ResourceManager UI"), rule(5432, PARTNER_CIDR, "partner sync over the VPN"),
                rule(22, VPC_CIDR, "bastion"))));
        items.add(group(PRIVATE, "Workers: reachable from inside the VPC only", List.of(
                rule(443, VPC_CIDR, "internal API"), rule(22, VPC_CIDR, "bastion"))));
        for (Host h : HOSTS) {
            items.add(instance(h));
        }
        return items;
    }

    private ConfigItem vpc() {
        return ConfigItem.of("AWS::EC2::VPC", World.VPC, null, arn("vpc", World.VPC), REGION, "Multiple Availability Zones",
                        time.start(), Obj.of("cidrBlock", VPC_CIDR, "dhcpOptionsId", "dopt-0a1b2c3d", "state", "available",
                                "vpcId", World.VPC, "ownerId", World.ACCOUNT, "instanceTenancy", "default",
                                "isDefault", false, "tags", List.of(tag("Name", "acme-prod"))))
                .tags(Map.of("Name", "acme-prod"));
    }

    private ConfigItem flowLog() {
        return ConfigItem.of("AWS::EC2::FlowLog", FLOW_LOG, null, arn("vpc-flow-log", FLOW_LOG), REGION, "Regional",
                        time.start(), Obj.of("flowLogId", FLOW_LOG, "flowLogStatus", "ACTIVE", "resourceId", World.VPC,
                                "trafficType", "ALL", "logDestinationType", "s3",
                                "logDestination", "arn:aws:s3:::" + Storage.LOGS_BUCKET + "/vpcflowlogs/",
                                "maxAggregationInterval", 60))
                .related("Is attached to Vpc", "AWS::EC2::VPC", World.VPC, null);
    }

    /** The app and Docker hosts' group: HTTP and SSH from inside, until T3 adds SSH and the Docker API from anywhere. */
    private ConfigItem appGroup() {
        List<Map<String, Object>> rules = new ArrayList<>(List.of(rule(80, VPC_CIDR, "load balancer"),
                rule(22, VPC_CIDR, "bastion")));
        String changed = null;
        if (time.ran(Misconfiguration.ID)) {
            rules.add(rule(22, WORLD, null));
            rules.add(rule(2375, WORLD, null));
            changed = Misconfiguration.ID;
        }
        return group(APP, "App and Docker hosts", rules, time.captured(changed));
    }

    private ConfigItem group(Group g, String description, List<Map<String, Object>> ingress) {
        return group(g, description, ingress, time.start());
    }

    private ConfigItem group(Group g, String description, List<Map<String, Object>> ingress, java.time.Instant captured) {
        String id = g.id();
        String name = g.name();
        Map<String, Object> egress = Obj.of("ipProtocol", "-1", "ipv6Ranges", List.of(), "prefixListIds", List.of(),
                "userIdGroupPairs", List.of(), "ipv4Ranges", List.of(Obj.of("cidrIp", WORLD)), "ipRanges", List.of(WORLD));
        return ConfigItem.of("AWS::EC2::SecurityGroup", id, name, arn("security-group", id), REGION, "Not Applicable", captured,
                        Obj.of("description", description, "groupName", name, "ipPermissions", ingress,
                                "ownerId", World.ACCOUNT, "groupId", id, "ipPermissionsEgress", List.of(egress),
                                "tags", List.of(tag("Name", name)), "vpcId", World.VPC))
                .tags(Map.of("Name", name))
                .related("Is contained in Vpc", "AWS::EC2::VPC", World.VPC, null);
    }

    /** One TCP port from one range, in both of Config's forms (objects in ipv4Ranges, bare CIDRs in ipRanges). */
    private static Map<String, Object> rule(int port, String cidr, String description) {
        return Obj.of("fromPort", port, "ipProtocol", "tcp", "ipv6Ranges", List.of(), "prefixListIds", List.of(),
                "toPort", port, "userIdGroupPairs", List.of(),
                "ipv4Ranges", List.of(description == null ? Obj.of("cidrIp", cidr) : Obj.of("cidrIp", cidr, "description", description)),
                "ipRanges", List.of(cidr));
    }

    private ConfigItem instance(Host h) {
        String[] w = World.INSTANCES.get(h.index());
        String id = w[0];
        String address = w[1];
        String subnet = subnetOf(address);
        String zone = address.startsWith("10.0.1.") || address.startsWith("10.0.2.") ? "us-east-1a" : "us-east-1b";
        Map<String, Object> c = Obj.of(
                "amiLaunchIndex", 0, "architecture", "x86_64", "imageId", "ami-0fa1ca9559f1892ec",
                "instanceId", id, "instanceType", h.instanceType(), "keyName", "ops",
                "launchTime", Timeline.iso(time.daysBefore(30 + 7 * h.index())),
                "monitoring", Obj.of("state", "disabled"),
                "placement", Obj.of("availabilityZone", zone, "groupName", "", "tenancy", "default"),
                "privateDnsName", "ip-" + address.replace('.', '-') + ".ec2.internal",
                "privateIpAddress", address,
                "publicIpAddress", h.group() == PRIVATE ? null : "198.51.100." + (200 + h.index()),
                "state", Obj.of("code", 16, "name", "running"),
                "subnetId", subnet, "vpcId", World.VPC,
                "iamInstanceProfile", h.profile() == null ? null : Obj.of(
                        "arn", "arn:aws:iam::" + World.ACCOUNT + ":instance-profile/" + h.profile(),
                        "id", "AIPA" + h.profile().toUpperCase(java.util.Locale.ROOT).replace("-", "") + "00001"),
                "networkInterfaces", List.of(Obj.of("networkInterfaceId", w[2], "privateIpAddress", address,
                        "subnetId", subnet, "vpcId", World.VPC, "status", "in-use")),
                "securityGroups", List.of(Obj.of("groupName", h.group().name(), "groupId", h.group().id())),
                "metadataOptions", Obj.of("state", "applied", "httpTokens", h.imdsV1() ? "optional" : "required",
                        "httpPutResponseHopLimit", h.imdsV1() ? 1 : 2, "httpEndpoint", "enabled"),
                "tags", List.of(tag("Name", h.name())));
        return ConfigItem.of("AWS::EC2::Instance", id, null, arn("instance", id), REGION, zone, time.start(), c)
                .tags(Map.of("Name", h.name()))
                .related("Is associated with SecurityGroup", "AWS::EC2::SecurityGroup", h.group().id(), null)
                .related("Is contained in Subnet", "AWS::EC2::Subnet", subnet, null)
                .related("Is contained in Vpc", "AWS::EC2::VPC", World.VPC, null)
                .related("Contains NetworkInterface", "AWS::EC2::NetworkInterface", w[2], null);
    }

    /** One subnet per /24 of the instances' addresses. */
    private static String subnetOf(String address) {
        return "subnet-0a1b2c3d0000000" + address.split("\\.")[2];
    }

    static Map<String, Object> tag(String key, String value) {
        return Obj.of("key", key, "value", value);
    }

    private static String arn(String kind, String id) {
        return "arn:aws:ec2:" + REGION + ":" + World.ACCOUNT + ":" + kind + "/" + id;
    }
}
