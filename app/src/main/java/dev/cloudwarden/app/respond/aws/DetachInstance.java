package dev.cloudwarden.app.respond.aws;

import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.ApiCall;
import dev.cloudwarden.app.respond.action.Effect;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.app.respond.action.StepPlan;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code aws.ec2.detach_instance}: the instance taken out of service without being stopped — out of its Auto Scaling
 * group without lowering the desired capacity (so the group launches a clean replacement, and will not terminate the
 * evidence as unhealthy), and deregistered from every ELBv2 target group and classic load balancer that sends it
 * traffic. Each look-up comes first, so a rerun finds nothing left to detach.
 */
final class DetachInstance extends AwsAction {
    static final String NAME = "aws.ec2.detach_instance";

    DetachInstance() {
        super(NAME, "Detach an instance from its Auto Scaling group (replaced) and deregister it from its load balancers",
                Effect.CONTAINMENT, EntityType.INSTANCE, Map.of());
    }

    @Override
    public StepPlan plan(Entity target, Map<String, String> params, ActionContext context) {
        String id = target.value();
        return StepPlan.of(
                        ApiCall.of("autoscaling", "DescribeAutoScalingInstances", "InstanceIds", List.of(id)),
                        ApiCall.of("autoscaling", "DetachInstances", "AutoScalingGroupName", unknown("group of " + id),
                                "InstanceIds", List.of(id), "ShouldDecrementDesiredCapacity", false),
                        ApiCall.of("elasticloadbalancing", "DescribeTargetGroups"),
                        ApiCall.of("elasticloadbalancing", "DescribeTargetHealth", "TargetGroupArn", unknown("each target group")),
                        ApiCall.of("elasticloadbalancing", "DeregisterTargets", "TargetGroupArn", unknown("each group holding " + id),
                                "Targets", List.of(id)),
                        ApiCall.of("elasticloadbalancing", "DescribeLoadBalancers", "Api", "classic"),
                        ApiCall.of("elasticloadbalancing", "DeregisterInstancesFromLoadBalancer",
                                "LoadBalancerName", unknown("each classic load balancer holding " + id), "Instances", List.of(id)))
                .withNote("The Auto Scaling group launches a replacement; the instance keeps running, out of service.");
    }

    @Override
    public StepOutcome execute(Entity target, Map<String, String> params, ActionContext context) throws ActionException {
        requireTarget(target);
        AwsClients clients = clients(context);
        String id = target.value();
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("instance", id);
        outputs.put("auto_scaling_group", detachFromGroup(context, clients.autoScaling(), id));
        outputs.put("target_groups", String.join(",", deregisterTargets(context, clients.elbv2(), id)));
        outputs.put("classic_load_balancers", String.join(",", deregisterClassic(context, clients.classicElb(), id)));
        return new StepOutcome(outputs, id + " detached: group " + (outputs.get("auto_scaling_group").isEmpty() ? "none"
                : outputs.get("auto_scaling_group")) + ", target groups [" + outputs.get("target_groups")
                + "], classic load balancers [" + outputs.get("classic_load_balancers") + "]");
    }

    private static String detachFromGroup(ActionContext context, AutoScalingClient asg, String id) throws ActionException {
        List<AutoScalingInstanceDetails> found = AwsCall.run(context,
                ApiCall.of("autoscaling", "DescribeAutoScalingInstances", "InstanceIds", List.of(id)),
                () -> asg.describeAutoScalingInstances(r -> r.instanceIds(id)),
                r -> r.autoScalingInstances().isEmpty() ? "in no group" : r.autoScalingInstances().get(0).autoScalingGroupName())
                .autoScalingInstances();
        if (found.isEmpty() || found.get(0).lifecycleState().startsWith("Detach")) {
            return "";
        }
        String group = found.get(0).autoScalingGroupName();
        AwsCall.run(context, ApiCall.of("autoscaling", "DetachInstances", "AutoScalingGroupName", group,
                        "InstanceIds", List.of(id), "ShouldDecrementDesiredCapacity", false),
                () -> asg.detachInstances(r -> r.autoScalingGroupName(group).instanceIds(id).shouldDecrementDesiredCapacity(false)),
                r -> r.activities().size() + " activities");
        return group;
    }

    private static List<String> deregisterTargets(ActionContext context, ElasticLoadBalancingV2Client elb, String id)
            throws ActionException {
        List<TargetGroup> groups = new ArrayList<>();
        String marker = null;
        do {
            String page = marker;
            var r = AwsCall.run(context, ApiCall.of("elasticloadbalancing", "DescribeTargetGroups", "Marker", page == null ? "" : page),
                    () -> elb.describeTargetGroups(b -> b.marker(page)), x -> x.targetGroups().size() + " target groups");
            groups.addAll(r.targetGroups());
            marker = r.nextMarker();
        } while (marker != null && !marker.isEmpty());
        List<String> deregistered = new ArrayList<>();
        for (TargetGroup g : groups) {
            if (!"instance".equals(g.targetTypeAsString())) {
                continue;
            }
            String arn = g.targetGroupArn();
            List<TargetDescription> mine = AwsCall.run(context,
                            ApiCall.of("elasticloadbalancing", "DescribeTargetHealth", "TargetGroupArn", arn),
                            () -> elb.describeTargetHealth(r -> r.targetGroupArn(arn)),
                            r -> r.targetHealthDescriptions().size() + " targets")
                    .targetHealthDescriptions().stream().map(TargetHealthDescription::target)
                    .filter(t -> t.id().equals(id)).toList();
            if (!mine.isEmpty()) {
                AwsCall.run(context, ApiCall.of("elasticloadbalancing", "DeregisterTargets", "TargetGroupArn", arn,
                                "Targets", mine.stream().map(t -> t.id() + ":" + t.port()).toList()),
                        () -> elb.deregisterTargets(r -> r.targetGroupArn(arn).targets(mine)), r -> "deregistered");
                deregistered.add(arn);
            }
        }
        return deregistered;
    }

    private static List<String> deregisterClassic(ActionContext context, ClassicElb elb, String id) throws ActionException {
        ApiCall describe = ApiCall.of("elasticloadbalancing", "DescribeLoadBalancers", "Api", "classic");
        ClassicElb.Result<List<ClassicElb.LoadBalancer>> all = AwsCall.classic(context, describe, elb::describeLoadBalancers,
                r -> r.value().size() + " load balancers");
        List<String> deregistered = new ArrayList<>();
        for (ClassicElb.LoadBalancer lb : all.value()) {
            if (lb.instances().contains(id)) {
                AwsCall.classic(context, ApiCall.of("elasticloadbalancing", "DeregisterInstancesFromLoadBalancer",
                                "LoadBalancerName", lb.name(), "Instances", List.of(id)),
                        () -> elb.deregisterInstance(lb.name(), id), r -> "deregistered");
                deregistered.add(lb.name());
            }
        }
        return deregistered;
    }
}
