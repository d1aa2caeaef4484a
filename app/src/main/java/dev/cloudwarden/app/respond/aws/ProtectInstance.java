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
import software.amazon.awssdk.services.ec2.model.Instance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code aws.ec2.protect_instance}: termination and stop protection on (a stop loses the memory, a termination the
 * disks), then the instance tagged as evidence of the incident. The tags are written last, so an instance that
 * carries them already has both protections and a rerun leaves it alone.
 */
final class ProtectInstance extends AwsAction {
    static final String NAME = "aws.ec2.protect_instance";
    static final String EVIDENCE_TAG = "cloudwarden:evidence";
    static final String INCIDENT_TAG = "cloudwarden:incident";

    ProtectInstance() {
        super(NAME, "Turn on termination and stop protection and tag the instance as evidence", Effect.EVIDENCE,
                EntityType.INSTANCE, Map.of());
    }

    @Override
    public StepPlan plan(Entity target, Map<String, String> params, ActionContext context) {
        String id = target.value();
        return StepPlan.of(ApiCall.of("ec2", "DescribeInstances", "InstanceIds", List.of(id)),
                ApiCall.of("ec2", "ModifyInstanceAttribute", "InstanceId", id, "DisableApiTermination", true),
                ApiCall.of("ec2", "ModifyInstanceAttribute", "InstanceId", id, "DisableApiStop", true),
                ApiCall.of("ec2", "CreateTags", "Resources", List.of(id), "Tags", tags(context)));
    }

    private static Map<String, String> tags(ActionContext context) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(EVIDENCE_TAG, "true");
        tags.put(INCIDENT_TAG, context.incident().id());
        tags.putAll(stepTags(context));
        return tags;
    }

    @Override
    public StepOutcome execute(Entity target, Map<String, String> params, ActionContext context) throws ActionException {
        Ec2Client ec2 = ec2For(target, context);
        String id = target.value();
        Instance instance = Ec2Instances.describe(context, ec2, id);
        if ("true".equals(Ec2Instances.tag(instance, EVIDENCE_TAG))) {
            return new StepOutcome(Map.of("instance", id), id + " already protected and tagged as evidence");
        }
        // one attribute per ModifyInstanceAttribute call, as EC2 requires
        AwsCall.run(context, ApiCall.of("ec2", "ModifyInstanceAttribute", "InstanceId", id, "DisableApiTermination", true),
                () -> ec2.modifyInstanceAttribute(r -> r.instanceId(id).disableApiTermination(b -> b.value(true))), r -> "on");
        AwsCall.run(context, ApiCall.of("ec2", "ModifyInstanceAttribute", "InstanceId", id, "DisableApiStop", true),
                () -> ec2.modifyInstanceAttribute(r -> r.instanceId(id).disableApiStop(b -> b.value(true))), r -> "on");
        Map<String, String> tags = tags(context);
        AwsCall.run(context, ApiCall.of("ec2", "CreateTags", "Resources", List.of(id), "Tags", tags),
                () -> ec2.createTags(r -> r.resources(id).tags(Ec2Instances.tags(tags))), r -> "tagged");
        return new StepOutcome(Map.of("instance", id), id + " protected from termination and stop, tagged as evidence");
    }
}
