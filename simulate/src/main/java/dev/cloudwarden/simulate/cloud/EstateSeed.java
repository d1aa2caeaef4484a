package dev.cloudwarden.simulate.cloud;

import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.simulate.cloud.CloudState.AccessKey;
import dev.cloudwarden.simulate.cloud.CloudState.AutoScalingGroup;
import dev.cloudwarden.simulate.cloud.CloudState.Bucket;
import dev.cloudwarden.simulate.cloud.CloudState.ClassicLoadBalancer;
import dev.cloudwarden.simulate.cloud.CloudState.Eni;
import dev.cloudwarden.simulate.cloud.CloudState.HostedZone;
import dev.cloudwarden.simulate.cloud.CloudState.Instance;
import dev.cloudwarden.simulate.cloud.CloudState.LaunchTemplate;
import dev.cloudwarden.simulate.cloud.CloudState.NaclEntry;
import dev.cloudwarden.simulate.cloud.CloudState.NetworkAcl;
import dev.cloudwarden.simulate.cloud.CloudState.ProfileAssociation;
import dev.cloudwarden.simulate.cloud.CloudState.PublicAccessBlock;
import dev.cloudwarden.simulate.cloud.CloudState.RecordSet;
import dev.cloudwarden.simulate.cloud.CloudState.Role;
import dev.cloudwarden.simulate.cloud.CloudState.Rule;
import dev.cloudwarden.simulate.cloud.CloudState.SecurityGroup;
import dev.cloudwarden.simulate.cloud.CloudState.TargetGroup;
import dev.cloudwarden.simulate.cloud.CloudState.TrailEvent;
import dev.cloudwarden.simulate.cloud.CloudState.User;
import dev.cloudwarden.simulate.cloud.CloudState.Volume;
import dev.cloudwarden.simulate.estate.EstateConfig;
import dev.cloudwarden.simulate.scenario.World;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The simulated estate as the fake's state: the instances, security groups, buckets, users and roles of the estate's
 * AWS Config snapshot ({@link EstateConfig}, before the day's scenarios), and what Config does not record but a
 * response touches: the instances' volumes, the network ACL, the scenarios' access keys, an Auto Scaling group and
 * load balancers in front of the app hosts, a known-good launch template, the zone the DNS hijack (A5) changes, and
 * CloudTrail history from before the day (the policy of {@code acme-web-assets}, the login record's address).
 */
public final class EstateSeed {
    /** The simulated day the seed describes (the estate as it stood at its start). */
    public static final Instant DAY = Instant.parse("2026-12-01T00:00:00Z");
    public static final String ZONE_ID = "Z0123456789ABCDEFGHIJ";
    public static final String LOGIN_RECORD = "login.acme.example.";
    public static final String LOGIN_ADDRESS = "198.51.100.80";
    public static final String KNOWN_GOOD_TEMPLATE = "lt-0a1b2c3d4e5f60001";
    public static final String KNOWN_GOOD_IMAGE = "ami-0c0ffee0000000001";
    public static final String TARGET_GROUP = "arn:aws:elasticloadbalancing:us-east-1:" + World.ACCOUNT
            + ":targetgroup/app/0123456789abcdef";
    public static final String AUTO_SCALING_GROUP = "app-asg";
    public static final String CLASSIC_ELB = "legacy-web";
    /** The app host (the A1 attacker's) has a second network interface, so "every interface" is tested. */
    public static final String SECOND_ENI = "eni-0a1111111111111b2";
    /** The access keys the scenarios use, by user. */
    private static final Map<String, String> KEYS = Map.of(
            "AKIASTOLENERINKEY001", "erin", "AKIASTOLENCAROLKEY01", "carol", "AKIASTOLENFRANKKEY01", "frank",
            "AKIALEAKEDDEPLOYKEY1", "deploy-bot", "AKIABACKUPSVCKEY0001", "backup-svc",
            "AKIANEWBACKUPKEY0042", "backup-svc", "AKIADEVELOPERKEY0001", "ci-developer");

    private EstateSeed() {
    }

    static void into(CloudState s) {
        Map<String, Object> snapshot = new EstateConfig(42, DAY, Duration.ofDays(1), Map.of()).snapshot();
        for (Object o : (List<?>) snapshot.get("configurationItems")) {
            Map<?, ?> item = (Map<?, ?>) o;
            Map<?, ?> c = (Map<?, ?>) item.get("configuration");
            switch ((String) item.get("resourceType")) {
                case "AWS::EC2::SecurityGroup" -> group(s, c);
                case "AWS::EC2::Instance" -> instance(s, c);
                case "AWS::S3::Bucket" -> bucket(s, c, (Map<?, ?>) item.get("supplementaryConfiguration"));
                case "AWS::IAM::User" -> s.users.put(str(c, "userName"), new User(str(c, "userName"), str(c, "arn")));
                case "AWS::IAM::Role" -> s.roles.put(str(c, "roleName"), new Role(str(c, "roleName"), str(c, "arn")));
                default -> { }
            }
        }
        KEYS.forEach((key, user) -> s.keys.put(key, new AccessKey(key, user)));
        networkAcl(s);
        balancing(s);
        zone(s);
        history(s);
    }

    private static void group(CloudState s, Map<?, ?> c) {
        SecurityGroup g = new SecurityGroup(str(c, "groupId"));
        g.name = str(c, "groupName");
        g.description = str(c, "description");
        g.vpcId = str(c, "vpcId");
        for (Object p : (List<?>) c.get("ipPermissions")) {
            Map<?, ?> r = (Map<?, ?>) p;
            g.ingress.add(new Rule(str(r, "ipProtocol"), (Integer) r.get("fromPort"), (Integer) r.get("toPort"),
                    (String) ((List<?>) r.get("ipRanges")).get(0)));
        }
        g.egress.add(new Rule("-1", null, null, "0.0.0.0/0"));
        g.tags.put("Name", g.name);
        s.groups.put(g.id, g);
    }

    private static void instance(CloudState s, Map<?, ?> c) {
        Instance i = new Instance(str(c, "instanceId"));
        i.imageId = str(c, "imageId");
        i.type = str(c, "instanceType");
        i.subnetId = str(c, "subnetId");
        i.vpcId = str(c, "vpcId");
        i.privateIp = str(c, "privateIpAddress");
        i.zone = str((Map<?, ?>) c.get("placement"), "availabilityZone");
        i.reservationId = "r-" + i.id.substring(2);
        for (Object t : (List<?>) c.get("tags")) {
            i.tags.put(str((Map<?, ?>) t, "key"), str((Map<?, ?>) t, "value"));
        }
        List<String> groups = ((List<?>) c.get("securityGroups")).stream().map(g -> str((Map<?, ?>) g, "groupId")).toList();
        for (Object n : (List<?>) c.get("networkInterfaces")) {
            eni(s, i, str((Map<?, ?>) n, "networkInterfaceId"), i.privateIp, groups);
        }
        if (i.tags.get("Name").equals("app-1")) {
            eni(s, i, SECOND_ENI, "10.0.1.110", groups);
        }
        volume(s, i, "/dev/xvda", 8);
        volume(s, i, "/dev/sdf", i.type.startsWith("r6i") ? 500 : 100);
        if (c.get("iamInstanceProfile") instanceof Map<?, ?> profile) {
            String id = "iip-assoc-" + i.id.substring(2);
            s.associations.put(id, new ProfileAssociation(id, i.id, str(profile, "arn")));
        }
        i.consoleOutput = "[    0.000000] Linux version 6.1.79-99.167.amzn2023.x86_64\n"
                + "cloud-init[1201]: Cloud-init v. 22.2.2 finished; " + i.tags.get("Name") + " is up\n";
        s.instances.put(i.id, i);
    }

    private static void eni(CloudState s, Instance i, String id, String address, List<String> groups) {
        Eni e = new Eni(id);
        e.instanceId = i.id;
        e.deviceIndex = i.eniIds.size();
        e.subnetId = i.subnetId;
        e.vpcId = i.vpcId;
        e.privateIp = address;
        e.groups.addAll(groups);
        s.enis.put(id, e);
        i.eniIds.add(id);
    }

    private static void volume(CloudState s, Instance i, String device, int size) {
        Volume v = new Volume("vol-" + i.id.substring(2, i.id.length() - 1) + (device.equals("/dev/xvda") ? "0" : "1"), size);
        v.instanceId = i.id;
        v.zone = i.zone;
        s.volumes.put(v.id, v);
        i.devices.put(device, v.id);
    }

    private static void bucket(CloudState s, Map<?, ?> c, Map<?, ?> supplementary) {
        Bucket b = new Bucket(str(c, "name"));
        b.policy = str((Map<?, ?>) supplementary.get("BucketPolicy"), "policyText");
        Map<?, ?> p = (Map<?, ?>) supplementary.get("PublicAccessBlockConfiguration");
        if (Boolean.TRUE.equals(p.get("blockPublicAcls"))) {
            b.publicAccessBlock = new PublicAccessBlock(true, true, true, true);
        }
        s.buckets.put(b.name, b);
    }

    /** The VPC's default ACL on every subnet: all traffic allowed at 100, the fixed deny at 32767. */
    private static void networkAcl(CloudState s) {
        NetworkAcl a = new NetworkAcl("acl-0a1b2c3d4e5f60718");
        a.vpcId = World.VPC;
        a.isDefault = true;
        a.subnets.addAll(new TreeSet<>(s.instances.values().stream().map(i -> i.subnetId).toList()));
        for (boolean egress : new boolean[]{false, true}) {
            a.entries.add(new NaclEntry(100, "-1", "allow", egress, "0.0.0.0/0", null));
            a.entries.add(new NaclEntry(32767, "-1", "deny", egress, "0.0.0.0/0", null));
        }
        s.acls.put(a.id, a);
    }

    /** app-1 and app-2 behind the target group; app-2 in the Auto Scaling group; app-1 also in a classic ELB. */
    private static void balancing(CloudState s) {
        String app1 = World.INSTANCES.get(0)[0];
        String app2 = World.INSTANCES.get(2)[0];
        Instance template = s.instances.get(app2);
        s.templates.put(KNOWN_GOOD_TEMPLATE, new LaunchTemplate(KNOWN_GOOD_TEMPLATE, "app-known-good", 1,
                KNOWN_GOOD_IMAGE, template.type, List.copyOf(s.enis.get(template.eniIds.get(0)).groups)));
        AutoScalingGroup asg = new AutoScalingGroup(AUTO_SCALING_GROUP);
        asg.desired = 1;
        asg.launchTemplateId = KNOWN_GOOD_TEMPLATE;
        asg.instances.add(app2);
        // the estate's instances were launched from that template, and EC2 tags such instances with it
        s.instances.values().forEach(i -> i.tags.put("aws:ec2launchtemplate:id", KNOWN_GOOD_TEMPLATE));
        s.autoScalingGroups.put(asg.name, asg);
        TargetGroup tg = new TargetGroup(TARGET_GROUP, "app");
        tg.vpcId = World.VPC;
        tg.port = 80;
        tg.targets.addAll(List.of(app1, app2));
        s.targetGroups.put(tg.arn, tg);
        ClassicLoadBalancer elb = new ClassicLoadBalancer(CLASSIC_ELB);
        elb.instances.add(app1);
        s.classicLoadBalancers.put(elb.name, elb);
    }

    private static void zone(CloudState s) {
        HostedZone z = new HostedZone(ZONE_ID, "acme.example.");
        z.records.add(new RecordSet("acme.example.", "NS", 172800, List.of("ns-1.awsdns-01.org.")));
        z.records.add(new RecordSet(LOGIN_RECORD, "A", 300, List.of(LOGIN_ADDRESS)));
        z.records.add(new RecordSet("www.acme.example.", "A", 300, List.of("198.51.100.81")));
        s.zones.put(z.id, z);
    }

    /** What CloudTrail remembers from before the day: who set the web assets' policy and the login address. */
    private static void history(CloudState s) {
        String policy = s.buckets.get("acme-web-assets").policy;
        s.trail.add(trailEvent("hist-0001", DAY.minus(Duration.ofDays(20)), "s3.amazonaws.com", "PutBucketPolicy",
                "alice", List.of("acme-web-assets"),
                Map.of("bucketName", "acme-web-assets", "bucketPolicy", Json.MAPPER.convertValue(parse(policy), Map.class))));
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("name", LOGIN_RECORD);
        set.put("type", "A");
        set.put("tTL", 300);
        set.put("resourceRecords", List.of(Map.of("value", LOGIN_ADDRESS)));
        s.trail.add(trailEvent("hist-0002", DAY.minus(Duration.ofDays(30)), "route53.amazonaws.com",
                "ChangeResourceRecordSets", "bob", List.of(ZONE_ID), Map.of("hostedZoneId", ZONE_ID,
                        "changeBatch", Map.of("changes", List.of(Map.of("action", "UPSERT", "resourceRecordSet", set))))));
    }

    /** A CloudTrail record of a successful call by an IAM user of the estate, as CloudTrail writes it. */
    public static TrailEvent trailEvent(String id, Instant time, String source, String name, String user,
                                        List<String> resources, Map<String, Object> requestParameters) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("eventVersion", "1.09");
        record.put("userIdentity", Map.of("type", "IAMUser", "arn", "arn:aws:iam::" + World.ACCOUNT + ":user/" + user,
                "accountId", World.ACCOUNT, "userName", user));
        record.put("eventTime", time.toString());
        record.put("eventSource", source);
        record.put("eventName", name);
        record.put("awsRegion", "us-east-1");
        record.put("sourceIPAddress", World.OFFICE.get(0));
        record.put("requestParameters", requestParameters);
        record.put("eventID", id);
        record.put("eventType", "AwsApiCall");
        record.put("recipientAccountId", World.ACCOUNT);
        try {
            return new TrailEvent(id, time, name, source, user, resources, Json.MAPPER.writeValueAsString(record));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String str(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? null : v.toString();
    }
}
