package dev.cloudwarden.app.respond.aws;

import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.ApiCall;
import dev.cloudwarden.app.respond.action.Effect;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.app.respond.action.StepPlan;
import dev.cloudwarden.engine.event.Digests;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code aws.ec2.launch_replacement}: redeploy, don't reimage (R1) — a new instance from a known-good launch template or
 * image, in the original's subnet with its instance type unless the step says otherwise. The compromised instance is
 * left as it is for the investigation.
 *
 * <p>The ClientToken is derived from the response, the step and the instance, so EC2 itself makes a rerun return the
 * instance the first run launched rather than a second one.
 */
final class LaunchReplacement extends AwsAction {
    static final String NAME = "aws.ec2.launch_replacement";
    static final String REPLACES_TAG = "cloudwarden:replaces";

    LaunchReplacement() {
        super(NAME, "Launch a replacement instance from a known-good launch template or image", Effect.RECOVERY,
                EntityType.INSTANCE, Map.of(
                        "launch_template", "known-good launch template id (lt-...) or name",
                        "version", "the template's version (default: its default version)",
                        "image_id", "known-good AMI, when no template is given",
                        "instance_type", "instance type (default: the original's)",
                        "subnet_id", "subnet (default: the original's)",
                        "security_group_ids", "comma-separated groups (default: the template's)"));
    }

    /** EC2's ClientToken: at most 64 ASCII characters, the same for every run of this step on this instance. */
    static String clientToken(ActionContext context, String instance) {
        byte[] d = Digests.sha256((context.responseId() + "/" + context.stepId() + "/" + instance).getBytes(StandardCharsets.UTF_8));
        return "cloudwarden-" + HexFormat.of().formatHex(d, 0, 24);
    }

    /** The tag EC2 puts on an instance launched from a template: the template's id. */
    static final String TEMPLATE_TAG = "aws:ec2launchtemplate:id";

    @Override
    public StepPlan plan(Entity target, Map<String, String> params, ActionContext context) {
        String id = target.value();
        Map<String, Object> run = runParameters(params, context, id,
                params.getOrDefault("subnet_id", unknown("subnet of " + id)),
                params.getOrDefault("instance_type", unknown("instance type of " + id)));
        StepPlan plan = StepPlan.of(ApiCall.of("ec2", "DescribeInstances", "InstanceIds", List.of(id)),
                new ApiCall("ec2", "RunInstances", run));
        return params.containsKey("launch_template") || params.containsKey("image_id") ? plan
                : plan.withNote("from the launch template the instance was launched from (its " + TEMPLATE_TAG
                + " tag), at the template's default version; without one the step fails: give launch_template or image_id");
    }

    private static Map<String, Object> runParameters(Map<String, String> params, ActionContext context, String id,
                                                     String subnet, String type) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (params.containsKey("launch_template")) {
            p.put("LaunchTemplate", params.get("launch_template") + ":" + params.getOrDefault("version", "$Default"));
        } else if (!params.containsKey("image_id")) {
            p.put("LaunchTemplate", params.getOrDefault(TEMPLATE_TAG, unknown("launch template of " + id)) + ":$Default");
        } else {
            p.put("ImageId", params.get("image_id"));
        }
        p.put("InstanceType", type);
        p.put("SubnetId", subnet);
        if (params.containsKey("security_group_ids")) {
            p.put("SecurityGroupIds", List.of(params.get("security_group_ids").split(",")));
        }
        p.put("MinCount", 1);
        p.put("MaxCount", 1);
        p.put("ClientToken", clientToken(context, id));
        p.put("TagSpecifications", tags(context, id));
        return p;
    }

    private static Map<String, String> tags(ActionContext context, String id) {
        Map<String, String> tags = stepTags(context);
        tags.put(REPLACES_TAG, id);
        return tags;
    }

    @Override
    public StepOutcome execute(Entity target, Map<String, String> given, ActionContext context) throws ActionException {
        requireTarget(target);
        Map<String, String> params = new LinkedHashMap<>(given);
        String image = params.get("image_id");
        Ec2Client ec2 = clients(context).ec2();
        String id = target.value();
        Instance original = Ec2Instances.describe(context, ec2, id);
        // the template it was launched from, at its default version, is the known-good source an operator maintains;
        // the compromised instance's own disks never are
        String template = params.containsKey("launch_template") || image != null ? params.get("launch_template")
                : original.tags().stream().filter(t -> t.key().equals(TEMPLATE_TAG)).map(Tag::value).findFirst().orElse(null);
        if (template == null && image == null) {
            throw new ActionException(NAME + " needs launch_template or image_id (" + id + " has no " + TEMPLATE_TAG
                    + " tag): a replacement comes from a known-good source, never from the compromised instance");
        }
        if (template != null) {
            params.put("launch_template", template);
        }
        String subnet = params.getOrDefault("subnet_id", original.subnetId());
        String type = params.getOrDefault("instance_type", original.instanceTypeAsString());
        Map<String, String> tags = tags(context, id);
        RunInstancesRequest.Builder b = RunInstancesRequest.builder().minCount(1).maxCount(1).subnetId(subnet)
                .instanceType(type).clientToken(clientToken(context, id))
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                        .tags(Ec2Instances.tags(tags)).build());
        if (template != null) {
            b.launchTemplate(t -> {
                if (template.startsWith("lt-")) {
                    t.launchTemplateId(template);
                } else {
                    t.launchTemplateName(template);
                }
                t.version(params.getOrDefault("version", "$Default"));
            });
        } else {
            b.imageId(image);
        }
        if (params.containsKey("security_group_ids")) {
            b.securityGroupIds(Arrays.asList(params.get("security_group_ids").split(",")));
        }
        RunInstancesRequest request = b.build();
        Instance launched = AwsCall.run(context, new ApiCall("ec2", "RunInstances", runParameters(params, context, id, subnet, type)),
                        () -> ec2.runInstances(request), r -> r.instances().get(0).instanceId() + " " + r.instances().get(0).state().nameAsString())
                .instances().get(0);
        return new StepOutcome(Map.of("instance_id", launched.instanceId(), "replaces", id,
                        "source", template != null ? template : image),
                "launched " + launched.instanceId() + " from " + (template != null ? "template " + template : image)
                        + " to replace " + id);
    }
}
