package dev.cloudwarden.engine.incident;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Actor;
import dev.cloudwarden.engine.event.Endpoint;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Resource;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.net.Addresses;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the entities of an alert from its events, and decides which of them may link two alerts into one
 * incident.
 *
 * <p><b>What is read.</b> The actor's principal and access key; the source and destination addresses and
 * host names; the resources (instances, buckets, clusters, access keys, principals named by ARN, anything
 * else as {@link EntityType#RESOURCE}); the cloud account and region.
 *
 * <p><b>What is never read</b>, because it names no one in particular: service principals and service
 * endpoints ({@code ec2.amazonaws.com}, {@code storage.googleapis.com}: see {@link Config#ignoredSuffixes()}),
 * placeholders ({@code -}, {@code anonymous}, {@code system:anonymous}, {@code AWS Internal}, YARN's
 * {@code dr.who}: {@link Config#ignoredValues()}), principals of type {@code AWSService}, and text in an
 * address field that is not an address. Local user names from host logs (sshd, Docker, YARN, Exim, web
 * authentication) are qualified by the host ({@code root@nas1}): a bare {@code root} would link every
 * brute force on every machine; without a known host they are dropped.
 *
 * <p><b>Addresses.</b> Public addresses link. Private addresses (RFC 1918, IPv6 unique-local) link too: inside
 * one estate a private address names one host, and it is what ties a host's flow logs to its DNS queries, its
 * daemon logs and its CloudTrail instance. A host name in AWS's default form ({@code ip-10-0-2-20},
 * {@code ip-10-0-2-20.ec2.internal}) also yields the address it spells, so dockerd and sshd lines, which only
 * know the host name, meet the flow logs of the same machine. The hazard: a NAT gateway, load balancer or
 * proxy sits in the path of unrelated attacks; list such addresses in {@link Config#ignoredAddresses()}.
 * Special-purpose addresses never link: carrier-grade NAT 100.64/10, loopback, link-local including the
 * metadata service 169.254.169.254, multicast, unspecified. Documentation ranges (192.0.2/24, 198.51.100/24,
 * 203.0.113/24) count as public, as the simulator uses them for attackers.
 *
 * <p><b>What is listed but does not link</b> (the incident shows it, but two alerts sharing only it stay
 * apart), because unrelated attacks share it all the time:
 * <ul>
 *   <li>accounts: every alert of a tenant would be one incident; regions, for the same reason;</li>
 *   <li>other resources (VPCs, subnets, network interfaces, security groups, load balancers, snapshots, keys):
 *       a flow-log alert names its VPC and subnet, which every other alert from that network shares.</li>
 * </ul>
 * The {@link Config} changes all of this: which types link, whether non-public addresses do, and addresses
 * (CIDRs) and values to ignore, such as a shared CI role or a corporate egress address.
 *
 * <p>The one hazard defaults do not remove: an internet-facing asset (an instance, a web host) attacked by
 * unrelated scanners within one window joins them into one incident. That is usually what an analyst wants
 * (one case per asset under attack); for a busy public server, list it in {@link Config#ignoredValues()}.
 */
public final class EntityExtractor {
    private static final Pattern EC2_INSTANCE = Pattern.compile("i-[0-9a-f]{8,17}");
    private static final Set<SourceType> HOST_SCOPED = EnumSet.of(SourceType.SSHD, SourceType.DOCKER,
            SourceType.YARN, SourceType.EXIM, SourceType.WEB_ACCESS);
    /** AWS's default host names carry the private address: {@code ip-10-0-2-20.ec2.internal}. */
    private static final Pattern EC2_HOST_NAME = Pattern.compile(
            "ip-(\\d{1,3})-(\\d{1,3})-(\\d{1,3})-(\\d{1,3})(\\.[a-z0-9.-]*)?");
    private static final List<IPAddress> PRIVATE = parseAll(List.of(
            "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"));
    private static final List<IPAddress> SPECIAL = parseAll(List.of(
            "0.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "fe80::/10", "ff00::/8"));

    private final Config config;
    private final List<IPAddress> ignoredAddresses;
    private final Set<String> ignoredValues;
    private final List<String> ignoredSuffixes;

    /** Which entities are read and which link; see the class documentation for the defaults. */
    public record Config(Set<EntityType> linkTypes, boolean linkPrivateAddresses, List<String> ignoredAddresses,
                         Set<String> ignoredValues, List<String> ignoredSuffixes) {
        public static final Set<EntityType> DEFAULT_LINK_TYPES = Set.copyOf(EnumSet.of(EntityType.PRINCIPAL,
                EntityType.ACCESS_KEY, EntityType.IP, EntityType.INSTANCE, EntityType.HOST, EntityType.BUCKET,
                EntityType.CLUSTER, EntityType.WORKLOAD));
        public static final Set<String> DEFAULT_IGNORED_VALUES = Set.of("-", "anonymous", "unknown", "n/a",
                "null", "none", "aws internal", "system:anonymous", "system:unauthenticated", "dr.who",
                "localhost", "localhost.localdomain");
        public static final List<String> DEFAULT_IGNORED_SUFFIXES = List.of(".amazonaws.com",
                ".amazonaws.com.cn", ".googleapis.com", "@cloudservices.gserviceaccount.com",
                ".windows.net", ".azure.com");

        public Config {
            linkTypes = linkTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(linkTypes));
            ignoredAddresses = List.copyOf(ignoredAddresses);
            ignoredValues = Set.copyOf(ignoredValues);
            ignoredSuffixes = List.copyOf(ignoredSuffixes);
        }

        public static Config defaults() {
            return new Config(DEFAULT_LINK_TYPES, true, List.of(), DEFAULT_IGNORED_VALUES, DEFAULT_IGNORED_SUFFIXES);
        }

        public Config withLinkTypes(Set<EntityType> types) {
            return new Config(types, linkPrivateAddresses, ignoredAddresses, ignoredValues, ignoredSuffixes);
        }

        public Config withLinkPrivateAddresses(boolean link) {
            return new Config(linkTypes, link, ignoredAddresses, ignoredValues, ignoredSuffixes);
        }

        /** Addresses or CIDRs that never link (listed all the same), e.g. a corporate proxy. */
        public Config withIgnoredAddresses(List<String> addresses) {
            return new Config(linkTypes, linkPrivateAddresses, addresses, ignoredValues, ignoredSuffixes);
        }

        /** Values (any type, compared ignoring case) that are not read at all, added to the current ones. */
        public Config plusIgnoredValues(Set<String> values) {
            Set<String> all = new TreeSet<>(ignoredValues);
            all.addAll(values);
            return new Config(linkTypes, linkPrivateAddresses, ignoredAddresses, all, ignoredSuffixes);
        }

        public Config withIgnoredSuffixes(List<String> suffixes) {
            return new Config(linkTypes, linkPrivateAddresses, ignoredAddresses, ignoredValues, suffixes);
        }
    }

    public EntityExtractor(Config config) {
        this.config = config;
        this.ignoredAddresses = parseAll(config.ignoredAddresses());
        Set<String> values = new TreeSet<>();
        config.ignoredValues().forEach(v -> values.add(v.toLowerCase(Locale.ROOT)));
        this.ignoredValues = Set.copyOf(values);
        this.ignoredSuffixes = config.ignoredSuffixes().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    public static EntityExtractor defaults() {
        return new EntityExtractor(Config.defaults());
    }

    public Config config() {
        return config;
    }

    /** The entities of all the alert's events, sorted and distinct. */
    public List<Entity> entities(Alert alert) {
        TreeSet<Entity> out = new TreeSet<>();
        for (Event e : alert.events()) {
            read(e, out);
        }
        return List.copyOf(out);
    }

    /** Whether two alerts sharing {@code entity} belong to one incident (when close enough in time). */
    public boolean links(Entity entity) {
        if (!config.linkTypes().contains(entity.type())) {
            return false;
        }
        if (entity.type() == EntityType.IP) {
            IPAddress a = new IPAddressString(entity.value()).getAddress();
            if (a == null || contains(ignoredAddresses, a)) {
                return false;
            }
            if (contains(SPECIAL, a)) {
                return false;
            }
            return config.linkPrivateAddresses() || !contains(PRIVATE, a);
        }
        return true;
    }

    /**
     * Whether {@code ip} is an address on the internet: not private (RFC 1918, unique-local), not special-purpose
     * (loopback, link-local, CGNAT, multicast...). What a response may block without cutting off its own estate.
     */
    public static boolean isPublicAddress(String ip) {
        IPAddress a = new IPAddressString(ip).getAddress();
        if (a == null) {
            return false;
        }
        if (a.isIPv4Convertible() && a.isIPv6()) {
            a = a.toIPv4();
        }
        return !contains(PRIVATE, a) && !contains(SPECIAL, a);
    }

    /** Only the linking entities of {@code alert}. */
    public List<Entity> linking(Alert alert) {
        return entities(alert).stream().filter(this::links).toList();
    }

    private void read(Event e, TreeSet<Entity> out) {
        Actor actor = e.actor();
        if (!"AWSService".equalsIgnoreCase(actor.principalType())) {
            principal(e, actor.principal(), out);
        }
        add(out, EntityType.ACCESS_KEY, actor.accessKeyId());
        endpoint(e.src(), out);
        endpoint(e.dst(), out);
        for (Resource r : e.resources()) {
            resource(r, out);
        }
        add(out, EntityType.ACCOUNT, e.cloud().account());
        add(out, EntityType.REGION, e.cloud().region());
    }

    private void principal(Event e, String name, TreeSet<Entity> out) {
        if (name == null || ignored(name)) {
            return;
        }
        boolean bare = name.indexOf('@') < 0 && name.indexOf(':') < 0 && name.indexOf('/') < 0;
        if (bare && HOST_SCOPED.contains(e.source())) {
            String host = e.dst().host();
            if (host == null || ignored(host)) {
                return;
            }
            name = name + "@" + host.toLowerCase(Locale.ROOT);
        }
        add(out, EntityType.PRINCIPAL, name);
    }

    private void endpoint(Endpoint p, TreeSet<Entity> out) {
        String ip = p.ip();
        if (ip != null && Addresses.looksLikeIp(ip)) {
            IPAddress a = new IPAddressString(ip).getAddress();
            if (a != null) {
                if (a.isIPv4Convertible() && a.isIPv6()) {
                    a = a.toIPv4();
                }
                add(out, EntityType.IP, a.withoutPrefixLength().toCanonicalString());
            }
        }
        String host = p.host();
        if (host != null && !host.isBlank() && host.indexOf(' ') < 0) {
            if (EC2_INSTANCE.matcher(host).matches()) {
                add(out, EntityType.INSTANCE, host);
            } else if (Addresses.looksLikeIp(host)) {
                endpoint(Endpoint.ip(host), out);
            } else {
                String name = host.toLowerCase(Locale.ROOT);
                add(out, EntityType.HOST, name);
                Matcher ec2 = EC2_HOST_NAME.matcher(name);
                if (ec2.matches()) {
                    endpoint(Endpoint.ip(ec2.group(1) + "." + ec2.group(2) + "." + ec2.group(3) + "." + ec2.group(4)), out);
                }
            }
        }
    }

    private void resource(Resource r, TreeSet<Entity> out) {
        String type = r.type() == null ? "" : r.type();
        String id = r.id();
        String t = type.toLowerCase(Locale.ROOT);
        if (t.equals("aws::s3::bucket") || t.equals("aws::s3::object") || id.startsWith("arn:aws:s3:::")
                || t.equals("gcs_bucket")) {
            add(out, EntityType.BUCKET, bucket(id));
        } else if (t.equals("aws::ec2::instance") || t.endsWith("/virtualmachines") || t.equals("gce_instance")
                || EC2_INSTANCE.matcher(id).matches()) {
            add(out, EntityType.INSTANCE, lastSegment(id));
        } else if (t.contains("cluster") && !t.startsWith("clusterrole") || id.contains(":cluster/")) {
            // (Kubernetes' clusterroles and clusterrolebindings are RBAC objects, not clusters)
            add(out, EntityType.CLUSTER, id);
        } else if (t.equals("yarn::application")) {
            add(out, EntityType.WORKLOAD, id);
        } else if (t.equals("aws::iam::accesskey")) {
            add(out, EntityType.ACCESS_KEY, id);
        } else if ((t.equals("aws::iam::user") || t.equals("aws::iam::role")) && id.startsWith("arn:")) {
            add(out, EntityType.PRINCIPAL, id);
        } else if (!ignored(id)) {
            add(out, EntityType.RESOURCE, (type.isEmpty() ? "resource" : type) + ":" + id);
        }
    }

    /** {@code arn:aws:s3:::b/k/x}, {@code b/k/x} and {@code projects/_/buckets/b} all name bucket {@code b}. */
    private static String bucket(String id) {
        String s = id.startsWith("arn:aws:s3:::") ? id.substring("arn:aws:s3:::".length()) : id;
        int buckets = s.indexOf("buckets/");
        if (buckets >= 0) {
            s = s.substring(buckets + "buckets/".length());
        }
        int slash = s.indexOf('/');
        return (slash < 0 ? s : s.substring(0, slash)).toLowerCase(Locale.ROOT);
    }

    private static String lastSegment(String id) {
        int slash = id.lastIndexOf('/');
        return slash < 0 ? id : id.substring(slash + 1);
    }

    private void add(TreeSet<Entity> out, EntityType type, String value) {
        if (value != null && !value.isBlank() && !ignored(value)) {
            out.add(new Entity(type, value.strip()));
        }
    }

    private boolean ignored(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (ignoredValues.contains(v)) {
            return true;
        }
        for (String s : ignoredSuffixes) {
            if (v.endsWith(s) || v.equals(s.substring(1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(List<IPAddress> ranges, IPAddress a) {
        for (IPAddress r : ranges) {
            if (r.getIPVersion() == a.getIPVersion() && r.contains(a)) {
                return true;
            }
        }
        return false;
    }

    private static List<IPAddress> parseAll(List<String> texts) {
        List<IPAddress> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            IPAddress a = new IPAddressString(t).getAddress();
            if (a == null) {
                throw new IllegalArgumentException("not an address or CIDR: " + t);
            }
            out.add(a.toPrefixBlock());
        }
        return List.copyOf(out);
    }
}
