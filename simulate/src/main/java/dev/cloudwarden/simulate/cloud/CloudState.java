package dev.cloudwarden.simulate.cloud;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the fake AWS holds, by id. Tests read it directly to assert what a response left behind (every network
 * interface in the quarantine group, one snapshot per volume) rather than which calls it made. The fields are mutable
 * on purpose: the fake's handlers change them as AWS would, under the fake's lock.
 */
public final class CloudState {
    public final Map<String, Instance> instances = new LinkedHashMap<>();
    public final Map<String, Eni> enis = new LinkedHashMap<>();
    public final Map<String, Volume> volumes = new LinkedHashMap<>();
    public final Map<String, Snapshot> snapshots = new LinkedHashMap<>();
    public final Map<String, SecurityGroup> groups = new LinkedHashMap<>();
    public final Map<String, NetworkAcl> acls = new LinkedHashMap<>();
    public final Map<String, LaunchTemplate> templates = new LinkedHashMap<>();
    public final Map<String, ProfileAssociation> associations = new LinkedHashMap<>();
    public final Map<String, AutoScalingGroup> autoScalingGroups = new LinkedHashMap<>();
    public final Map<String, TargetGroup> targetGroups = new LinkedHashMap<>();
    public final Map<String, ClassicLoadBalancer> classicLoadBalancers = new LinkedHashMap<>();
    public final Map<String, User> users = new LinkedHashMap<>();
    public final Map<String, AccessKey> keys = new LinkedHashMap<>();
    public final Map<String, Role> roles = new LinkedHashMap<>();
    public final Map<String, Bucket> buckets = new LinkedHashMap<>();
    public final Map<String, HostedZone> zones = new LinkedHashMap<>();
    /** CloudTrail's event history, any order (lookups sort newest first, as CloudTrail does). */
    public final List<TrailEvent> trail = new ArrayList<>();
    final Map<String, Integer> changeDescribes = new LinkedHashMap<>();
    /** Describes a new snapshot stays {@code pending} for. */
    public int snapshotDescribesToComplete = 2;
    private long next = 0x1000;

    /** A new id in AWS's form: the prefix and 17 hex digits. */
    public String newId(String prefix) {
        return prefix + "-" + String.format("%017x", next++);
    }

    public Instance instance(String id) {
        Instance i = instances.get(id);
        if (i == null) {
            throw AwsFault.invalid("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
        }
        return i;
    }

    public List<Eni> enisOf(Instance i) {
        return i.eniIds.stream().map(enis::get).toList();
    }

    public Optional<SecurityGroup> group(String vpc, String name) {
        return groups.values().stream().filter(g -> g.vpcId.equals(vpc) && g.name.equals(name)).findFirst();
    }

    public static final class Instance {
        public final String id;
        public String imageId;
        public String type;
        public String subnetId;
        public String vpcId;
        public String privateIp;
        public String zone;
        public String state = "running";
        public final List<String> eniIds = new ArrayList<>();
        /** Device name → volume id. */
        public final Map<String, String> devices = new LinkedHashMap<>();
        public final Map<String, String> tags = new LinkedHashMap<>();
        public boolean disableApiTermination;
        public boolean disableApiStop;
        public String consoleOutput = "";
        public String clientToken;
        public String launchTemplateId;
        public String reservationId;

        public Instance(String id) {
            this.id = id;
        }
    }

    public static final class Eni {
        public final String id;
        public String instanceId;
        public int deviceIndex;
        public String subnetId;
        public String vpcId;
        public String privateIp;
        public final List<String> groups = new ArrayList<>();
        public final Map<String, String> tags = new LinkedHashMap<>();

        public Eni(String id) {
            this.id = id;
        }
    }

    public static final class Volume {
        public final String id;
        public int sizeGiB;
        public String zone;
        public String instanceId;

        public Volume(String id, int sizeGiB) {
            this.id = id;
            this.sizeGiB = sizeGiB;
        }
    }

    public static final class Snapshot {
        public final String id;
        public String volumeId;
        public int sizeGiB;
        public String description;
        public String status = "pending";
        public Instant started;
        int describes;
        public final Map<String, String> tags = new LinkedHashMap<>();

        public Snapshot(String id) {
            this.id = id;
        }
    }

    /** One rule of a security group: protocol ({@code -1} all), ports, and an IPv4 range. */
    public record Rule(String protocol, Integer fromPort, Integer toPort, String cidr) {
    }

    public static final class SecurityGroup {
        public final String id;
        public String name;
        public String description;
        public String vpcId;
        public final List<Rule> ingress = new ArrayList<>();
        public final List<Rule> egress = new ArrayList<>();
        public final Map<String, String> tags = new LinkedHashMap<>();

        public SecurityGroup(String id) {
            this.id = id;
        }
    }

    public record NaclEntry(int ruleNumber, String protocol, String action, boolean egress, String cidr, String ipv6Cidr) {
    }

    public static final class NetworkAcl {
        public final String id;
        public String vpcId;
        public boolean isDefault;
        public final List<String> subnets = new ArrayList<>();
        public final List<NaclEntry> entries = new ArrayList<>();

        public NetworkAcl(String id) {
            this.id = id;
        }
    }

    public record LaunchTemplate(String id, String name, int version, String imageId, String instanceType,
                                 List<String> groups) {
    }

    public static final class ProfileAssociation {
        public final String id;
        public final String instanceId;
        public final String profileArn;
        public String state = "associated";

        public ProfileAssociation(String id, String instanceId, String profileArn) {
            this.id = id;
            this.instanceId = instanceId;
            this.profileArn = profileArn;
        }
    }

    public static final class AutoScalingGroup {
        public final String name;
        public int desired;
        public String launchTemplateId;
        public final List<String> instances = new ArrayList<>();

        public AutoScalingGroup(String name) {
            this.name = name;
        }
    }

    public static final class TargetGroup {
        public final String arn;
        public final String name;
        public String vpcId;
        public int port;
        public final List<String> targets = new ArrayList<>();

        public TargetGroup(String arn, String name) {
            this.arn = arn;
            this.name = name;
        }
    }

    public static final class ClassicLoadBalancer {
        public final String name;
        public final List<String> instances = new ArrayList<>();

        public ClassicLoadBalancer(String name) {
            this.name = name;
        }
    }

    public static final class User {
        public final String name;
        public final String arn;
        /** Inline policies: name → JSON document. */
        public final Map<String, String> policies = new LinkedHashMap<>();
        public final Map<String, String> tags = new LinkedHashMap<>();

        public User(String name, String arn) {
            this.name = name;
            this.arn = arn;
        }
    }

    public static final class AccessKey {
        public final String id;
        public final String user;
        public String status = "Active";

        public AccessKey(String id, String user) {
            this.id = id;
            this.user = user;
        }
    }

    public static final class Role {
        public final String name;
        public final String arn;
        public final Map<String, String> policies = new LinkedHashMap<>();

        public Role(String name, String arn) {
            this.name = name;
            this.arn = arn;
        }
    }

    public record PublicAccessBlock(boolean blockPublicAcls, boolean ignorePublicAcls, boolean blockPublicPolicy,
                                    boolean restrictPublicBuckets) {
    }

    public static final class Bucket {
        public final String name;
        public String policy;
        public PublicAccessBlock publicAccessBlock;

        public Bucket(String name) {
            this.name = name;
        }
    }

    /**
     * A record set; {@code name} ends with a dot, as Route 53 writes it. An alias set has its {@code alias} and no TTL
     * or values of its own (Route 53 answers with the target's).
     */
    public record RecordSet(String name, String type, long ttl, List<String> values, Alias alias) {
        public RecordSet(String name, String type, long ttl, List<String> values) {
            this(name, type, ttl, values, null);
        }

        public static RecordSet alias(String name, String type, Alias alias) {
            return new RecordSet(name, type, 0, List.of(), alias);
        }
    }

    /** Where an alias set points: an AWS resource's DNS name in its hosted zone (an ELB's, a CloudFront distribution's). */
    public record Alias(String hostedZoneId, String dnsName, boolean evaluateTargetHealth) {
    }

    public static final class HostedZone {
        public final String id;
        public final String name;
        public final List<RecordSet> records = new ArrayList<>();

        public HostedZone(String id, String name) {
            this.id = id;
            this.name = name;
        }

        public Optional<RecordSet> find(String name, String type) {
            return records.stream().filter(r -> r.name().equalsIgnoreCase(name) && r.type().equals(type)).findFirst();
        }
    }

    /** One CloudTrail event: what LookupEvents filters on, and the record itself as CloudTrail keeps it (JSON text). */
    public record TrailEvent(String id, Instant time, String eventName, String eventSource, String username,
                             List<String> resourceNames, String record) {
    }
}
