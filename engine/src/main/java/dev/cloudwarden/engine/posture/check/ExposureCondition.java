package dev.cloudwarden.engine.posture.check;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.Unknown;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * With no ports ({@code exposes: all}) it fails when one rule opens every port: 1, 32768 and 65535 all at once.
 *
 * <p>Fails when a firewall (a security group, a network security group, a compute firewall, or one rule of them) lets
 * the whole internet reach one of the given ports: {@code exposes: [22]} in a check file. Written in Java because the
 * rules sit in a different place in every format and an unknown address or port must leave the verdict unknown
 * without hiding a rule that is known to be open.
 */
public record ExposureCondition(List<Long> ports) implements JavaCondition {
    public ExposureCondition {
        ports = List.copyOf(ports);
    }

    @Override
    public Outcome evaluate(ConfigResource resource, ResourceGraph graph) {
        Object rules = rules(resource.attributes());
        if (rules instanceof Unknown u) {
            return Outcome.unknown("depends on the rules, " + u.expression());
        }
        Tri exposed = Tri.FALSE;
        String open = null;
        for (Object rule : (List<?>) rules) {
            if (ports.isEmpty()) {
                Tri t = Tri.TRUE;
                for (long port : EVERY_PORT) {
                    t = t.and(exposure(rule, port));
                }
                if (t == Tri.TRUE && open == null) {
                    open = "every port is open to the internet";
                }
                exposed = exposed.or(t);
            }
            for (long port : ports) {
                Tri t = exposure(rule, port);
                if (t == Tri.TRUE && open == null) {
                    open = "port " + port + " is open to the internet";
                }
                exposed = exposed.or(t);
            }
        }
        return switch (exposed) {
            case TRUE -> new Outcome(Verdict.FAIL, open);
            case FALSE -> Outcome.PASS;
            case UNKNOWN -> Outcome.unknown("depends on a rule's addresses, protocol or ports, which are not known");
        };
    }

    private static final List<Long> EVERY_PORT = List.of(1L, 32768L, 65535L);

    private static Tri exposure(Object rule, long port) {
        return rule instanceof Unknown ? Tri.UNKNOWN : rule instanceof Map<?, ?> m ? Exposure.exposure(m, port) : Tri.FALSE;
    }

    /** The resource's inbound rules: a list (elements may be unknown), or unknown as a whole. */
    private static Object rules(Map<String, Object> a) {
        for (String key : List.of("ingress", "SecurityGroupIngress", "IpPermissions", "security_rule")) {
            if (a.containsKey(key)) {
                Object v = a.get(key);
                return v instanceof Unknown ? v : v instanceof List<?> l ? l : List.of();
            }
        }
        if (a.get("properties") instanceof Map<?, ?> props) {
            if (props.get("securityRules") instanceof List<?> list) {
                List<Object> out = new ArrayList<>();
                for (Object rule : list) {
                    out.add(rule instanceof Map<?, ?> m && m.get("properties") instanceof Map<?, ?> p ? p : rule);
                }
                return out;
            }
            if (props.containsKey("access") || props.containsKey("destinationPortRange")) {
                return List.of(props);
            }
        }
        return List.of(a);
    }
}
