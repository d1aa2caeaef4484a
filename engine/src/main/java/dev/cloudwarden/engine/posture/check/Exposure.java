package dev.cloudwarden.engine.posture.check;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.cloudwarden.engine.posture.model.Unknown;

/**
 * Whether one firewall rule lets the whole internet reach a port, whatever the configuration's dialect: Terraform's
 * AWS security group {@code ingress} blocks, {@code aws_security_group_rule} and
 * {@code aws_vpc_security_group_ingress_rule}; CloudFormation's and the EC2 API's {@code IpPermissions} shapes; Azure
 * network security rules; Google compute firewall {@code allow} blocks. A rule for all protocols ({@code -1},
 * {@code all}, {@code *}) opens every port; ICMP opens none; a rule without ports (where the dialect allows it) opens
 * them all.
 */
final class Exposure {
    private Exposure() {
    }

    /** For CEL, whose arguments are always known. */
    static boolean exposes(Map<?, ?> rule, long port) {
        return exposure(rule, port) == Tri.TRUE;
    }

    /** Whether the rule opens the port to the internet; unknown when an {@link Unknown} value decides it. */
    static Tri exposure(Map<?, ?> rule, long port) {
        if (rule.containsKey("direction") || rule.containsKey("access") || rule.containsKey("destination_port_range")
                || rule.containsKey("destinationPortRange")) {
            return azure(rule, port);
        }
        if (rule.containsKey("source_ranges") || rule.containsKey("sourceRanges")) {
            return google(rule, port);
        }
        return aws(rule, port);
    }

    private static Tri aws(Map<?, ?> rule, long port) {
        Object type = first(rule, "type");
        if (type instanceof Unknown) {
            return Tri.UNKNOWN;
        }
        if (type != null && !"ingress".equalsIgnoreCase(String.valueOf(type))) {
            return Tri.FALSE;
        }
        Tri world = anyPublic(rule.get("cidr_blocks")).or(anyPublic(rule.get("ipv6_cidr_blocks")))
                .or(anyPublic(first(rule, "cidr_ipv4", "cidr_ipv6", "CidrIp", "CidrIpv6")))
                .or(anyPublic(nested(rule.get("IpRanges"), "CidrIp"))).or(anyPublic(nested(rule.get("Ipv6Ranges"), "CidrIpv6")));
        return world.and(awsPorts(rule, port));
    }

    private static Tri awsPorts(Map<?, ?> rule, long port) {
        Object p = first(rule, "protocol", "ip_protocol", "IpProtocol");
        Object f = first(rule, "from_port", "FromPort");
        Object t = first(rule, "to_port", "ToPort");
        if (p instanceof Unknown) {
            return Tri.UNKNOWN;
        }
        String protocol = text(p);
        if (protocol == null || allProtocols(protocol)) {
            return Tri.TRUE;
        }
        if (icmp(protocol)) {
            return Tri.FALSE;
        }
        if (f instanceof Unknown || t instanceof Unknown) {
            return Tri.UNKNOWN;
        }
        Long from = number(f);
        Long to = number(t);
        if (from == null && to == null) {
            return Tri.TRUE;
        }
        long lo = from == null ? 0 : from;
        long hi = to == null ? lo : to;
        if (lo == -1 && hi == -1 || lo == 0 && hi == 0) {
            return Tri.TRUE; // AWS writes "all ports" as -1 (or 0 to 0 for protocol -1 given as a number range)
        }
        return Tri.of(lo <= port && port <= hi);
    }

    private static Tri azure(Map<?, ?> rule, long port) {
        Tri allowedIn = equalsIgnoringCase(first(rule, "access"), "allow")
                .and(equalsIgnoringCase(first(rule, "direction"), "inbound"));
        Tri world = anyPublic(first(rule, "source_address_prefix", "sourceAddressPrefix"))
                .or(anyPublic(first(rule, "source_address_prefixes", "sourceAddressPrefixes")));
        Object protocol = first(rule, "protocol");
        Tri notIcmp = protocol instanceof Unknown ? Tri.UNKNOWN : Tri.of(protocol == null || !icmp(text(protocol)));
        Tri ports = anyPortCovers(first(rule, "destination_port_range", "destinationPortRange"), port)
                .or(anyPortCovers(first(rule, "destination_port_ranges", "destinationPortRanges"), port));
        return allowedIn.and(world).and(notIcmp).and(ports);
    }

    /** Absent is the default (true); otherwise the value must equal {@code expected}. */
    private static Tri equalsIgnoringCase(Object value, String expected) {
        if (value instanceof Unknown) {
            return Tri.UNKNOWN;
        }
        return Tri.of(value == null || expected.equalsIgnoreCase(String.valueOf(value)));
    }

    private static Tri google(Map<?, ?> rule, long port) {
        Tri ingress = equalsIgnoringCase(first(rule, "direction"), "ingress");
        Object disabled = rule.get("disabled");
        Tri enabled = disabled instanceof Unknown ? Tri.UNKNOWN : Tri.of(!Boolean.TRUE.equals(disabled));
        Tri world = anyPublic(first(rule, "source_ranges", "sourceRanges"));
        Object allow = first(rule, "allow", "allowed");
        Tri allows;
        if (allow instanceof Unknown) {
            allows = Tri.UNKNOWN;
        } else if (allow instanceof List<?> list) {
            allows = Tri.FALSE;
            for (Object a : list) {
                allows = allows.or(a instanceof Unknown ? Tri.UNKNOWN : a instanceof Map<?, ?> m ? googleAllow(m, port) : Tri.FALSE);
            }
        } else {
            allows = Tri.FALSE;
        }
        return ingress.and(enabled).and(world).and(allows);
    }

    private static Tri googleAllow(Map<?, ?> allow, long port) {
        Object p = first(allow, "protocol", "IPProtocol");
        if (p instanceof Unknown) {
            return Tri.UNKNOWN;
        }
        String protocol = text(p);
        if (protocol != null && icmp(protocol)) {
            return Tri.FALSE;
        }
        Object ports = first(allow, "ports");
        if (protocol != null && allProtocols(protocol) || ports == null || ports instanceof List<?> l && l.isEmpty()) {
            return Tri.TRUE;
        }
        return anyPortCovers(ports, port);
    }

    /** {@code "22"}, {@code "20-30"}, {@code "*"}, a number, or a list of them. */
    private static Tri anyPortCovers(Object ports, long port) {
        if (ports instanceof Unknown) {
            return Tri.UNKNOWN;
        }
        if (ports instanceof List<?> l) {
            Tri any = Tri.FALSE;
            for (Object p : l) {
                any = any.or(anyPortCovers(p, port));
            }
            return any;
        }
        String p = text(ports);
        if (p == null) {
            return Tri.FALSE;
        }
        if (p.equals("*")) {
            return Tri.TRUE;
        }
        int dash = p.indexOf('-');
        try {
            long lo = Long.parseLong((dash < 0 ? p : p.substring(0, dash)).trim());
            long hi = dash < 0 ? lo : Long.parseLong(p.substring(dash + 1).trim());
            return Tri.of(lo <= port && port <= hi);
        } catch (NumberFormatException e) {
            return Tri.FALSE;
        }
    }

    /** Any of the addresses is the whole internet; unknown when one is unknown and none is known public. */
    private static Tri anyPublic(Object v) {
        if (v instanceof Unknown) {
            return Tri.UNKNOWN;
        }
        if (v instanceof List<?> l) {
            Tri any = Tri.FALSE;
            for (Object x : l) {
                any = any.or(anyPublic(x));
            }
            return any;
        }
        return Tri.of(v instanceof String s && CelLanguage.isPublicCidr(s));
    }

    private static Object nested(Object list, String key) {
        if (list instanceof Unknown) {
            return list;
        }
        if (!(list instanceof List<?> l)) {
            return List.of();
        }
        return l.stream().map(x -> x instanceof Map<?, ?> m ? m.get(key) : x instanceof Unknown ? x : null).toList();
    }

    private static Object first(Map<?, ?> m, String... keys) {
        for (String k : keys) {
            Object v = m.get(k);
            if (v != null && !(v instanceof dev.cel.common.values.NullValue)) {
                return v;
            }
        }
        return null;
    }

    private static boolean allProtocols(String p) {
        return p.equals("-1") || p.equalsIgnoreCase("all") || p.equals("*");
    }

    private static boolean icmp(String p) {
        String x = p.toLowerCase(Locale.ROOT);
        return x.equals("icmp") || x.equals("1") || x.equals("icmpv6") || x.equals("58") || x.equals("icmp6");
    }

    private static String text(Object v) {
        return v == null ? null : String.valueOf(v).trim();
    }

    private static Long number(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
