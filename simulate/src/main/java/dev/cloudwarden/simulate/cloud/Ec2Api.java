package dev.cloudwarden.simulate.cloud;

import dev.cloudwarden.simulate.cloud.CloudState.Eni;
import dev.cloudwarden.simulate.cloud.CloudState.Instance;
import dev.cloudwarden.simulate.cloud.CloudState.LaunchTemplate;
import dev.cloudwarden.simulate.cloud.CloudState.NaclEntry;
import dev.cloudwarden.simulate.cloud.CloudState.NetworkAcl;
import dev.cloudwarden.simulate.cloud.CloudState.ProfileAssociation;
import dev.cloudwarden.simulate.cloud.CloudState.Rule;
import dev.cloudwarden.simulate.cloud.CloudState.SecurityGroup;
import dev.cloudwarden.simulate.cloud.CloudState.Snapshot;
import dev.cloudwarden.simulate.cloud.CloudState.Volume;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * EC2 over its own flavour of AWS Query: lists numbered directly ({@code InstanceId.1}), responses named
 * {@code <Action>Response} with a lower-case {@code requestId}, and {@code item} for every list member.
 */
final class Ec2Api {
    static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private final CloudState s;
    private final String account;

    Ec2Api(CloudState state, String account) {
        this.s = state;
        this.account = account;
    }

    String handle(String action, Form f, String requestId) {
        Xml x = new Xml(action + "Response", NS).leaf("requestId", requestId);
        switch (action) {
            case "DescribeInstances" -> describeInstances(f, x);
            case "DescribeNetworkInterfaces" -> describeNetworkInterfaces(f, x);
            case "DescribeVolumes" -> describeVolumes(f, x);
            case "CreateSnapshot" -> createSnapshot(f, x);
            case "DescribeSnapshots" -> describeSnapshots(f, x);
            case "GetConsoleOutput" -> consoleOutput(f, x);
            case "DescribeSecurityGroups" -> describeGroups(f, x);
            case "CreateSecurityGroup" -> createGroup(f, x);
            case "RevokeSecurityGroupEgress" -> revokeEgress(f, x);
            case "RevokeSecurityGroupIngress" -> revokeIngress(f, x);
            case "ModifyNetworkInterfaceAttribute" -> modifyEni(f, x);
            case "ModifyInstanceAttribute" -> modifyInstance(f, x);
            case "CreateTags" -> createTags(f, x);
            case "DeleteTags" -> deleteTags(f, x);
            case "DescribeIamInstanceProfileAssociations" -> describeAssociations(f, x);
            case "DisassociateIamInstanceProfile" -> disassociate(f, x);
            case "RunInstances" -> runInstances(f, x);
            case "TerminateInstances" -> terminate(f, x);
            case "DescribeNetworkAcls" -> describeAcls(f, x);
            case "CreateNetworkAclEntry" -> createAclEntry(f, x);
            case "DeleteNetworkAclEntry" -> deleteAclEntry(f, x);
            default -> throw AwsFault.invalid("InvalidAction", "The action " + action + " is not valid for this web service.");
        }
        return x.done();
    }

    // ---- instances

    private void describeInstances(Form f, Xml x) {
        List<String> ids = f.list("InstanceId");
        ids.forEach(s::instance); // an unknown id is an error, as in EC2
        Map<String, List<String>> filters = f.filters();
        List<Instance> found = s.instances.values().stream()
                .filter(i -> ids.isEmpty() || ids.contains(i.id))
                .filter(i -> matches(filters, "client-token", i.clientToken))
                .filter(i -> tagsMatch(filters, i.tags))
                .toList();
        x.open("reservationSet");
        for (Instance i : found) {
            x.open("item").leaf("reservationId", i.reservationId).leaf("ownerId", account).open("instancesSet");
            instance(i, x);
            x.close().close();
        }
        x.close();
    }

    private void instance(Instance i, Xml x) {
        x.open("item").leaf("instanceId", i.id).leaf("imageId", i.imageId)
                .open("instanceState").leaf("code", stateCode(i.state)).leaf("name", i.state).close()
                .leaf("instanceType", i.type).open("placement").leaf("availabilityZone", i.zone).close()
                .leaf("subnetId", i.subnetId).leaf("vpcId", i.vpcId).leaf("privateIpAddress", i.privateIp)
                .leaf("clientToken", i.clientToken);
        Eni primary = i.eniIds.isEmpty() ? null : s.enis.get(i.eniIds.get(0));
        groupSet(primary == null ? List.of() : primary.groups, x);
        x.open("blockDeviceMapping");
        i.devices.forEach((device, volume) -> x.open("item").leaf("deviceName", device).open("ebs")
                .leaf("volumeId", volume).leaf("status", "attached").leaf("deleteOnTermination", true).close().close());
        x.close().open("networkInterfaceSet");
        for (Eni e : s.enisOf(i)) {
            x.open("item").leaf("networkInterfaceId", e.id).leaf("subnetId", e.subnetId).leaf("vpcId", e.vpcId)
                    .leaf("ownerId", account).leaf("status", "in-use").leaf("privateIpAddress", e.privateIp)
                    .open("attachment").leaf("attachmentId", "eni-attach-" + e.id.substring(4))
                    .leaf("deviceIndex", e.deviceIndex).leaf("status", "attached").close();
            groupSet(e.groups, x);
            x.close();
        }
        x.close();
        s.associations.values().stream().filter(a -> a.instanceId.equals(i.id) && a.state.equals("associated"))
                .findFirst().ifPresent(a -> x.open("iamInstanceProfile").leaf("arn", a.profileArn)
                        .leaf("id", "AIPA" + a.id.substring(a.id.length() - 12).toUpperCase()).close());
        x.tagSet(i.tags).close();
    }

    private void groupSet(List<String> ids, Xml x) {
        x.open("groupSet");
        for (String g : ids) {
            SecurityGroup group = s.groups.get(g);
            x.open("item").leaf("groupId", g).leaf("groupName", group == null ? null : group.name).close();
        }
        x.close();
    }

    private static int stateCode(String state) {
        return switch (state) {
            case "pending" -> 0;
            case "running" -> 16;
            case "shutting-down" -> 32;
            case "terminated" -> 48;
            case "stopping" -> 64;
            default -> 80;
        };
    }

    private void describeNetworkInterfaces(Form f, Xml x) {
        List<String> ids = f.list("NetworkInterfaceId");
        Map<String, List<String>> filters = f.filters();
        x.open("networkInterfaceSet");
        for (Eni e : s.enis.values()) {
            if ((!ids.isEmpty() && !ids.contains(e.id)) || !matches(filters, "attachment.instance-id", e.instanceId)) {
                continue;
            }
            x.open("item").leaf("networkInterfaceId", e.id).leaf("subnetId", e.subnetId).leaf("vpcId", e.vpcId)
                    .leaf("privateIpAddress", e.privateIp).leaf("status", "in-use")
                    .open("attachment").leaf("instanceId", e.instanceId).leaf("deviceIndex", e.deviceIndex).close();
            groupSet(e.groups, x);
            x.tagSet(e.tags).close();
        }
        x.close();
        ids.stream().filter(id -> !s.enis.containsKey(id)).findFirst().ifPresent(id -> {
            throw AwsFault.invalid("InvalidNetworkInterfaceID.NotFound", "The networkInterface ID '" + id + "' does not exist");
        });
    }

    private void modifyInstance(Form f, Xml x) {
        Instance i = s.instance(f.required("InstanceId"));
        if (f.get("DisableApiTermination.Value") != null) {
            i.disableApiTermination = f.flag("DisableApiTermination.Value");
        }
        if (f.get("DisableApiStop.Value") != null) {
            i.disableApiStop = f.flag("DisableApiStop.Value");
        }
        x.leaf("return", true);
    }

    private void createTags(Form f, Xml x) {
        Map<String, String> tags = f.tags("");
        for (String id : f.list("ResourceId")) {
            tagsOf(id).putAll(tags);
        }
        x.leaf("return", true);
    }

    private void deleteTags(Form f, Xml x) {
        Map<String, String> tags = f.tags("");
        for (String id : f.list("ResourceId")) {
            tagsOf(id).keySet().removeAll(tags.keySet());
        }
        x.leaf("return", true);
    }

    private Map<String, String> tagsOf(String id) {
        Map<String, String> target = id.startsWith("i-") ? s.instance(id).tags
                : id.startsWith("eni-") && s.enis.containsKey(id) ? s.enis.get(id).tags
                : id.startsWith("snap-") && s.snapshots.containsKey(id) ? s.snapshots.get(id).tags
                : id.startsWith("sg-") && s.groups.containsKey(id) ? s.groups.get(id).tags : null;
        if (target == null) {
            throw AwsFault.invalid("InvalidID", "The ID '" + id + "' is not valid");
        }
        return target;
    }

    private void runInstances(Form f, Xml x) {
        String token = f.get("ClientToken");
        List<Instance> same = token == null ? List.of()
                : s.instances.values().stream().filter(i -> token.equals(i.clientToken)).toList();
        if (same.isEmpty()) {
            same = launch(f, token);
        }
        x.leaf("reservationId", same.get(0).reservationId).leaf("ownerId", account).open("groupSet").close()
                .open("instancesSet");
        same.forEach(i -> instance(i, x));
        x.close();
    }

    private List<Instance> launch(Form f, String token) {
        LaunchTemplate template = null;
        String byId = f.get("LaunchTemplate.LaunchTemplateId");
        String byName = f.get("LaunchTemplate.LaunchTemplateName");
        if (byId != null || byName != null) {
            template = s.templates.values().stream().filter(t -> t.id().equals(byId) || t.name().equals(byName))
                    .findFirst().orElseThrow(() -> AwsFault.invalid("InvalidLaunchTemplateId.NotFound",
                            "The specified launch template, with template ID " + (byId != null ? byId : byName)
                                    + ", does not exist."));
            String version = f.get("LaunchTemplate.Version");
            if (version != null && !version.equals("$Default") && !version.equals("$Latest")
                    && !version.equals(String.valueOf(template.version()))) {
                throw AwsFault.invalid("InvalidLaunchTemplateId.VersionNotFound",
                        "Could not find launch template version " + version);
            }
        }
        String image = f.get("ImageId") != null ? f.get("ImageId") : template == null ? null : template.imageId();
        if (image == null) {
            throw AwsFault.invalid("MissingParameter", "The request must contain the parameter ImageId");
        }
        String subnet = f.get("SubnetId");
        String vpc = s.instances.values().stream().filter(i -> i.subnetId.equals(subnet)).map(i -> i.vpcId)
                .findFirst().orElse(s.acls.values().stream().filter(a -> a.subnets.contains(subnet)).map(a -> a.vpcId)
                        .findFirst().orElseThrow(() -> AwsFault.invalid("InvalidSubnetID.NotFound",
                                "The subnet ID '" + subnet + "' does not exist")));
        List<String> groups = f.list("SecurityGroupId");
        if (groups.isEmpty() && template != null) {
            groups = template.groups();
        }
        String reservation = s.newId("r");
        int count = Integer.parseInt(f.get("MinCount") == null ? "1" : f.get("MinCount"));
        List<Instance> launched = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            Instance i = new Instance(s.newId("i"));
            i.imageId = image;
            i.type = f.get("InstanceType") != null ? f.get("InstanceType") : template != null ? template.instanceType() : "m6i.large";
            i.subnetId = subnet;
            i.vpcId = vpc;
            i.zone = "us-east-1a";
            i.privateIp = "10.0.9." + (launched.size() + s.instances.size());
            i.state = "running";
            i.clientToken = token;
            i.reservationId = reservation;
            i.launchTemplateId = template == null ? null : template.id();
            i.tags.putAll(f.tagSpecification("instance"));
            Eni e = new Eni(s.newId("eni"));
            e.instanceId = i.id;
            e.subnetId = subnet;
            e.vpcId = vpc;
            e.privateIp = i.privateIp;
            e.groups.addAll(groups);
            s.enis.put(e.id, e);
            i.eniIds.add(e.id);
            Volume v = new Volume(s.newId("vol"), 8);
            v.instanceId = i.id;
            v.zone = i.zone;
            s.volumes.put(v.id, v);
            i.devices.put("/dev/xvda", v.id);
            s.instances.put(i.id, i);
            launched.add(i);
        }
        return launched;
    }

    private void terminate(Form f, Xml x) {
        List<String> ids = f.list("InstanceId");
        for (String id : ids) {
            if (s.instance(id).disableApiTermination) {
                throw AwsFault.invalid("OperationNotPermitted", "The instance '" + id
                        + "' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.");
            }
        }
        x.open("instancesSet");
        for (String id : ids) {
            Instance i = s.instance(id);
            String previous = i.state;
            i.state = "terminated";
            x.open("item").leaf("instanceId", id)
                    .open("currentState").leaf("code", 48).leaf("name", "terminated").close()
                    .open("previousState").leaf("code", stateCode(previous)).leaf("name", previous).close().close();
        }
        x.close();
    }

    private void consoleOutput(Form f, Xml x) {
        Instance i = s.instance(f.required("InstanceId"));
        x.leaf("instanceId", i.id).leaf("timestamp", Instant.now().toString())
                .leaf("output", Base64.getEncoder().encodeToString(i.consoleOutput.getBytes(StandardCharsets.UTF_8)));
    }

    private void describeAssociations(Form f, Xml x) {
        Map<String, List<String>> filters = f.filters();
        List<String> ids = f.list("AssociationId");
        x.open("iamInstanceProfileAssociationSet");
        for (ProfileAssociation a : s.associations.values()) {
            if ((ids.isEmpty() || ids.contains(a.id)) && matches(filters, "instance-id", a.instanceId)
                    && matches(filters, "state", a.state)) {
                association(a, x);
            }
        }
        x.close();
    }

    private static void association(ProfileAssociation a, Xml x) {
        x.open("item").leaf("associationId", a.id).leaf("instanceId", a.instanceId)
                .open("iamInstanceProfile").leaf("arn", a.profileArn).close().leaf("state", a.state).close();
    }

    private void disassociate(Form f, Xml x) {
        String id = f.required("AssociationId");
        ProfileAssociation a = s.associations.get(id);
        if (a == null || a.state.equals("disassociated")) {
            throw AwsFault.invalid("InvalidAssociationID.NotFound", "An association with ID " + id + " does not exist.");
        }
        a.state = "disassociated";
        x.open("iamInstanceProfileAssociation").leaf("associationId", a.id).leaf("instanceId", a.instanceId)
                .open("iamInstanceProfile").leaf("arn", a.profileArn).close().leaf("state", "disassociating").close();
    }

    // ---- volumes and snapshots

    private void describeVolumes(Form f, Xml x) {
        List<String> ids = f.list("VolumeId");
        x.open("volumeSet");
        for (String id : ids) {
            Volume v = s.volumes.get(id);
            if (v == null) {
                throw AwsFault.invalid("InvalidVolume.NotFound", "The volume '" + id + "' does not exist.");
            }
        }
        for (Volume v : s.volumes.values()) {
            if (ids.isEmpty() || ids.contains(v.id)) {
                x.open("item").leaf("volumeId", v.id).leaf("size", v.sizeGiB).leaf("availabilityZone", v.zone)
                        .leaf("status", v.instanceId == null ? "available" : "in-use").leaf("volumeType", "gp3")
                        .open("attachmentSet");
                if (v.instanceId != null) {
                    x.open("item").leaf("volumeId", v.id).leaf("instanceId", v.instanceId).leaf("status", "attached").close();
                }
                x.close().close();
            }
        }
        x.close();
    }

    private void createSnapshot(Form f, Xml x) {
        Volume v = s.volumes.get(f.required("VolumeId"));
        if (v == null) {
            throw AwsFault.invalid("InvalidVolume.NotFound", "The volume '" + f.get("VolumeId") + "' does not exist.");
        }
        Snapshot snap = new Snapshot(s.newId("snap"));
        snap.volumeId = v.id;
        snap.sizeGiB = v.sizeGiB;
        snap.description = f.get("Description");
        snap.started = Instant.now();
        snap.tags.putAll(f.tagSpecification("snapshot"));
        s.snapshots.put(snap.id, snap);
        x.leaf("snapshotId", snap.id).leaf("volumeId", v.id).leaf("status", snap.status)
                .leaf("startTime", snap.started.toString()).leaf("progress", "").leaf("ownerId", account)
                .leaf("volumeSize", snap.sizeGiB).leaf("description", snap.description).tagSet(snap.tags);
    }

    /** Each describe of a pending snapshot brings it nearer to {@code completed}, as time would. */
    private void describeSnapshots(Form f, Xml x) {
        List<String> ids = f.list("SnapshotId");
        for (String id : ids) {
            if (!s.snapshots.containsKey(id)) {
                throw AwsFault.invalid("InvalidSnapshot.NotFound", "The snapshot '" + id + "' does not exist.");
            }
        }
        Map<String, List<String>> filters = f.filters();
        x.open("snapshotSet");
        for (Snapshot snap : s.snapshots.values()) {
            if ((!ids.isEmpty() && !ids.contains(snap.id)) || !tagsMatch(filters, snap.tags)
                    || !matches(filters, "volume-id", snap.volumeId)) {
                continue;
            }
            if (snap.status.equals("pending") && ++snap.describes >= s.snapshotDescribesToComplete) {
                snap.status = "completed";
            }
            x.open("item").leaf("snapshotId", snap.id).leaf("volumeId", snap.volumeId).leaf("status", snap.status)
                    .leaf("startTime", snap.started.toString())
                    .leaf("progress", snap.status.equals("completed") ? "100%" : "42%").leaf("ownerId", account)
                    .leaf("volumeSize", snap.sizeGiB).leaf("description", snap.description).tagSet(snap.tags).close();
        }
        x.close();
    }

    // ---- security groups

    private void describeGroups(Form f, Xml x) {
        List<String> ids = f.list("GroupId");
        Map<String, List<String>> filters = f.filters();
        x.open("securityGroupInfo");
        for (SecurityGroup g : s.groups.values()) {
            if ((!ids.isEmpty() && !ids.contains(g.id)) || !matches(filters, "vpc-id", g.vpcId)
                    || !matches(filters, "group-name", g.name) || !tagsMatch(filters, g.tags)) {
                continue;
            }
            x.open("item").leaf("ownerId", account).leaf("groupId", g.id).leaf("groupName", g.name)
                    .leaf("groupDescription", g.description).leaf("vpcId", g.vpcId);
            rules("ipPermissions", g.ingress, x);
            rules("ipPermissionsEgress", g.egress, x);
            x.tagSet(g.tags).close();
        }
        x.close();
    }

    private static void rules(String element, List<Rule> rules, Xml x) {
        x.open(element);
        for (Rule r : rules) {
            x.open("item").leaf("ipProtocol", r.protocol()).leaf("fromPort", r.fromPort()).leaf("toPort", r.toPort())
                    .open("groups").close().open("ipRanges").open("item").leaf("cidrIp", r.cidr()).close().close()
                    .open("ipv6Ranges").close().open("prefixListIds").close().close();
        }
        x.close();
    }

    private void createGroup(Form f, Xml x) {
        String name = f.required("GroupName");
        String vpc = f.required("VpcId");
        if (s.group(vpc, name).isPresent()) {
            throw AwsFault.invalid("InvalidGroup.Duplicate", "The security group '" + name + "' already exists for VPC '" + vpc + "'");
        }
        SecurityGroup g = new SecurityGroup(s.newId("sg"));
        g.name = name;
        g.description = f.required("GroupDescription");
        g.vpcId = vpc;
        // as in EC2: a new VPC group allows all outbound traffic until that rule is revoked
        g.egress.add(new Rule("-1", null, null, "0.0.0.0/0"));
        g.tags.putAll(f.tagSpecification("security-group"));
        s.groups.put(g.id, g);
        x.leaf("return", true).leaf("groupId", g.id).tagSet(g.tags);
    }

    private void revokeEgress(Form f, Xml x) {
        revoke(f, x, true);
    }

    private void revokeIngress(Form f, Xml x) {
        revoke(f, x, false);
    }

    private void revoke(Form f, Xml x, boolean egress) {
        SecurityGroup g = s.groups.get(f.required("GroupId"));
        if (g == null) {
            throw AwsFault.invalid("InvalidGroup.NotFound", "The security group '" + f.get("GroupId") + "' does not exist");
        }
        List<Rule> from = egress ? g.egress : g.ingress;
        for (int i = 1; i <= f.count("IpPermissions"); i++) {
            String p = "IpPermissions." + i + ".";
            String protocol = f.get(p + "IpProtocol");
            Integer fromPort = f.get(p + "FromPort") == null ? null : Integer.valueOf(f.get(p + "FromPort"));
            Integer toPort = f.get(p + "ToPort") == null ? null : Integer.valueOf(f.get(p + "ToPort"));
            for (String cidr : List.of(f.get(p + "IpRanges.1.CidrIp"))) {
                Predicate<Rule> same = r -> r.protocol().equals(protocol) && r.cidr().equals(cidr)
                        && (protocol.equals("-1") || (r.fromPort().equals(fromPort) && r.toPort().equals(toPort)));
                if (!from.removeIf(same)) {
                    throw AwsFault.invalid("InvalidPermission.NotFound",
                            "The specified rule does not exist in this security group.");
                }
            }
        }
        x.leaf("return", true);
    }

    private void modifyEni(Form f, Xml x) {
        String id = f.required("NetworkInterfaceId");
        Eni e = s.enis.get(id);
        if (e == null) {
            throw AwsFault.invalid("InvalidNetworkInterfaceID.NotFound", "The networkInterface ID '" + id + "' does not exist");
        }
        List<String> groups = f.list("SecurityGroupId");
        for (String g : groups) {
            if (!s.groups.containsKey(g) || !s.groups.get(g).vpcId.equals(e.vpcId)) {
                throw AwsFault.invalid("InvalidGroup.NotFound", "The security group '" + g + "' does not exist in VPC '" + e.vpcId + "'");
            }
        }
        if (!groups.isEmpty()) {
            e.groups.clear();
            e.groups.addAll(groups);
        }
        x.leaf("return", true);
    }

    // ---- network ACLs

    private void describeAcls(Form f, Xml x) {
        List<String> ids = f.list("NetworkAclId");
        Map<String, List<String>> filters = f.filters();
        x.open("networkAclSet");
        for (NetworkAcl a : s.acls.values()) {
            if ((!ids.isEmpty() && !ids.contains(a.id)) || !matches(filters, "vpc-id", a.vpcId)
                    || (filters.containsKey("association.subnet-id")
                    && a.subnets.stream().noneMatch(filters.get("association.subnet-id")::contains))) {
                continue;
            }
            x.open("item").leaf("networkAclId", a.id).leaf("vpcId", a.vpcId).leaf("default", a.isDefault).open("entrySet");
            for (NaclEntry e : a.entries) {
                x.open("item").leaf("ruleNumber", e.ruleNumber()).leaf("protocol", e.protocol())
                        .leaf("ruleAction", e.action()).leaf("egress", e.egress()).leaf("cidrBlock", e.cidr())
                        .leaf("ipv6CidrBlock", e.ipv6Cidr()).close();
            }
            x.close().open("associationSet");
            for (String subnet : a.subnets) {
                x.open("item").leaf("networkAclAssociationId", "aclassoc-" + subnet.substring(7))
                        .leaf("networkAclId", a.id).leaf("subnetId", subnet).close();
            }
            x.close().open("tagSet").close().leaf("ownerId", account).close();
        }
        x.close();
    }

    private NetworkAcl acl(Form f) {
        String id = f.required("NetworkAclId");
        NetworkAcl a = s.acls.get(id);
        if (a == null) {
            throw AwsFault.invalid("InvalidNetworkAclID.NotFound", "The network ACL ID '" + id + "' does not exist");
        }
        return a;
    }

    private void createAclEntry(Form f, Xml x) {
        NetworkAcl a = acl(f);
        int number = Integer.parseInt(f.required("RuleNumber"));
        boolean egress = f.flag("Egress");
        if (a.entries.stream().anyMatch(e -> e.ruleNumber() == number && e.egress() == egress)) {
            throw AwsFault.invalid("NetworkAclEntryAlreadyExists",
                    "The network acl entry identified by " + number + " already exists.");
        }
        a.entries.add(new NaclEntry(number, f.required("Protocol"), f.required("RuleAction"), egress,
                f.get("CidrBlock"), f.get("Ipv6CidrBlock")));
        x.leaf("return", true);
    }

    private void deleteAclEntry(Form f, Xml x) {
        NetworkAcl a = acl(f);
        int number = Integer.parseInt(f.required("RuleNumber"));
        boolean egress = f.flag("Egress");
        if (!a.entries.removeIf(e -> e.ruleNumber() == number && e.egress() == egress)) {
            throw AwsFault.invalid("InvalidNetworkAclEntry.NotFound",
                    "The specified network ACL entry (" + number + ") does not exist");
        }
        x.leaf("return", true);
    }

    // ---- filters

    private static boolean matches(Map<String, List<String>> filters, String name, String value) {
        List<String> wanted = filters.get(name);
        return wanted == null || wanted.contains(value);
    }

    /** {@code tag:Key} filters (values must match) and {@code tag-key} filters. */
    private static boolean tagsMatch(Map<String, List<String>> filters, Map<String, String> tags) {
        for (Map.Entry<String, List<String>> e : filters.entrySet()) {
            if (e.getKey().startsWith("tag:") && !e.getValue().contains(tags.get(e.getKey().substring(4)))) {
                return false;
            }
            if (e.getKey().equals("tag-key") && e.getValue().stream().noneMatch(tags::containsKey)) {
                return false;
            }
        }
        return true;
    }
}
