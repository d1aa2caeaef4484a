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
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.RuleAction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code aws.ec2.nacl_deny}: the address denied, in and out, on the network ACLs of the subnets the incident's
 * instances are in (or one ACL named by the step). Security groups only allow, so a deny of one address needs the
 * ACL; ACL rules apply in order of their number, so the deny goes at the lowest free number below the ACL's allow
 * rules, where it is evaluated first. The rule numbers are the step's outputs, for undo.
 */
final class NaclDeny extends AwsAction {
    static final String NAME = "aws.ec2.nacl_deny";
    /** The highest number a rule can have; 32767 is the ACL's own catch-all. */
    private static final int LAST_RULE = 32766;

    NaclDeny() {
        super(NAME, "Deny an address in and out on the network ACLs of the incident's instances' subnets",
                Effect.CONTAINMENT, EntityType.IP,
                Map.of("network_acl_id", "the network ACL to change (default: those of the incident's instances' subnets)"));
    }

    @Override
    public boolean undoable() {
        return true;
    }

    static String cidr(String address) {
        return address.contains(":") ? address + "/128" : address + "/32";
    }

    private static List<String> instances(ActionContext context) {
        return context.incident().entities().stream().filter(e -> e.type() == EntityType.INSTANCE).map(Entity::value).toList();
    }

    @Override
    public StepPlan plan(Entity target, Map<String, String> params, ActionContext context) {
        String cidr = cidr(target.value());
        List<ApiCall> calls = new ArrayList<>();
        String acls;
        if (params.containsKey("network_acl_id")) {
            acls = params.get("network_acl_id");
            calls.add(ApiCall.of("ec2", "DescribeNetworkAcls", "NetworkAclIds", List.of(acls)));
        } else {
            List<String> instances = instances(context);
            acls = unknown("network ACLs of the subnets of " + instances);
            calls.add(ApiCall.of("ec2", "DescribeInstances", "InstanceIds", instances));
            calls.add(ApiCall.of("ec2", "DescribeNetworkAcls", "Filters",
                    Map.of("association.subnet-id", unknown("subnets of " + instances))));
        }
        for (boolean egress : new boolean[]{false, true}) {
            calls.add(ApiCall.of("ec2", "CreateNetworkAclEntry", "NetworkAclId", acls, "RuleNumber",
                    unknown("lowest free number below the allow rules"), "Protocol", "-1", "RuleAction", "deny",
                    "Egress", egress, target.value().contains(":") ? "Ipv6CidrBlock" : "CidrBlock", cidr));
        }
        StepPlan plan = new StepPlan(calls, List.of(), List.of());
        return instances(context).isEmpty() && !params.containsKey("network_acl_id")
                ? plan.withNote("the incident names no instance: give network_acl_id or the step fails") : plan;
    }

    @Override
    public StepOutcome execute(Entity target, Map<String, String> params, ActionContext context) throws ActionException {
        Ec2Client ec2 = ec2For(target, context);
        String address = target.value();
        String cidr = cidr(address);
        boolean v6 = address.contains(":");
        Map<String, String> outputs = new LinkedHashMap<>();
        int added = 0;
        for (NetworkAcl acl : acls(context, ec2, params)) {
            for (boolean egress : new boolean[]{false, true}) {
                String key = acl.networkAclId() + (egress ? ":egress" : ":ingress");
                List<NetworkAclEntry> side = acl.entries().stream().filter(e -> e.egress() == egress).toList();
                NetworkAclEntry existing = side.stream().filter(e -> e.ruleAction() == RuleAction.DENY
                        && cidr.equals(v6 ? e.ipv6CidrBlock() : e.cidrBlock())).findFirst().orElse(null);
                if (existing != null) {
                    outputs.put(key, String.valueOf(existing.ruleNumber()));
                    continue;
                }
                int number = freeNumber(acl.networkAclId(), side);
                AwsCall.run(context, ApiCall.of("ec2", "CreateNetworkAclEntry", "NetworkAclId", acl.networkAclId(),
                                "RuleNumber", number, "Protocol", "-1", "RuleAction", "deny", "Egress", egress,
                                v6 ? "Ipv6CidrBlock" : "CidrBlock", cidr),
                        () -> ec2.createNetworkAclEntry(r -> {
                            r.networkAclId(acl.networkAclId()).ruleNumber(number).protocol("-1").ruleAction(RuleAction.DENY)
                                    .egress(egress);
                            if (v6) {
                                r.ipv6CidrBlock(cidr);
                            } else {
                                r.cidrBlock(cidr);
                            }
                        }), r -> "rule " + number);
                outputs.put(key, String.valueOf(number));
                added++;
            }
        }
        outputs.put("cidr", cidr);
        return new StepOutcome(outputs, cidr + " denied in and out on " + (outputs.size() - 1) / 2 + " network ACLs"
                + (added == 0 ? " (already)" : ""));
    }

    /** The lowest number not in use and below every allow rule, so the deny is evaluated before them. */
    private static int freeNumber(String acl, List<NetworkAclEntry> side) throws ActionException {
        Set<Integer> used = new TreeSet<>();
        int firstAllow = LAST_RULE + 1;
        for (NetworkAclEntry e : side) {
            used.add(e.ruleNumber());
            if (e.ruleAction() == RuleAction.ALLOW) {
                firstAllow = Math.min(firstAllow, e.ruleNumber());
            }
        }
        for (int n = 1; n < firstAllow; n++) {
            if (!used.contains(n)) {
                return n;
            }
        }
        throw new ActionException("no free rule number below " + firstAllow + " in " + acl + " to put a deny before its allow rules");
    }

    private static List<NetworkAcl> acls(ActionContext context, Ec2Client ec2, Map<String, String> params) throws ActionException {
        String named = params.get("network_acl_id");
        if (named != null) {
            return AwsCall.run(context, ApiCall.of("ec2", "DescribeNetworkAcls", "NetworkAclIds", List.of(named)),
                    () -> ec2.describeNetworkAcls(r -> r.networkAclIds(named)), r -> r.networkAcls().size() + " ACLs").networkAcls();
        }
        List<String> instances = instances(context);
        if (instances.isEmpty()) {
            throw new ActionException(NAME + ": the incident names no instance whose subnets' ACLs to change; give network_acl_id");
        }
        List<String> subnets = AwsCall.run(context, ApiCall.of("ec2", "DescribeInstances", "InstanceIds", instances),
                        () -> ec2.describeInstances(r -> r.instanceIds(instances)), r -> "found")
                .reservations().stream().flatMap(r -> r.instances().stream()).flatMap(NaclDeny::subnets).distinct().toList();
        Filter bySubnet = Filter.builder().name("association.subnet-id").values(subnets).build();
        return AwsCall.run(context, ApiCall.of("ec2", "DescribeNetworkAcls", "Filters", Map.of("association.subnet-id", subnets)),
                () -> ec2.describeNetworkAcls(r -> r.filters(bySubnet)), r -> r.networkAcls().size() + " ACLs").networkAcls();
    }

    private static Stream<String> subnets(Instance i) {
        List<String> out = new ArrayList<>(List.of(i.subnetId()));
        i.networkInterfaces().stream().map(InstanceNetworkInterface::subnetId).forEach(out::add);
        return out.stream();
    }

    @Override
    public StepOutcome undo(Entity target, Map<String, String> params, Map<String, String> outputs, ActionContext context)
            throws ActionException {
        Ec2Client ec2 = clients(context).ec2();
        int removed = 0;
        for (Map.Entry<String, String> e : outputs.entrySet()) {
            int colon = e.getKey().indexOf(':');
            if (colon < 0) {
                continue;
            }
            String acl = e.getKey().substring(0, colon);
            boolean egress = e.getKey().endsWith(":egress");
            int number = Integer.parseInt(e.getValue());
            AwsCall.orAbsent(context, ApiCall.of("ec2", "DeleteNetworkAclEntry", "NetworkAclId", acl, "RuleNumber", number,
                            "Egress", egress),
                    () -> ec2.deleteNetworkAclEntry(r -> r.networkAclId(acl).ruleNumber(number).egress(egress)),
                    r -> "deleted", Set.of("InvalidNetworkAclEntry.NotFound"));
            removed++;
        }
        return new StepOutcome(Map.of(), removed + " deny rules for " + target.value() + " removed");
    }
}
