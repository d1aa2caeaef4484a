package dev.cloudwarden.app.respond.aws;

import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.ApiCall;
import dev.cloudwarden.app.respond.action.Effect;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.app.respond.action.StepPlan;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.Tag;

import java.util.Map;
import java.util.Set;

/**
 * {@code aws.iam.deactivate_access_key}: the key made Inactive — never deleted, so it stays evidence (its last use,
 * CloudTrail's records of it) and undo can bring it back — and an inline deny-all policy on its user, which also stops
 * the user's other keys and console session until a person has looked.
 *
 * <p>Whether this response deactivated the key is kept as a tag on the user ({@value #DEACTIVATED_TAG}{@code <key>}),
 * so a rerun after a failure still knows the key was Active before, and undo reactivates only what it deactivated.
 */
final class DeactivateAccessKey extends AwsAction {
    static final String NAME = "aws.iam.deactivate_access_key";
    static final String POLICY = "CloudWardenQuarantine";
    static final String DEACTIVATED_TAG = "cloudwarden:deactivated:";
    static final String DENY_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"CloudWardenQuarantine\","
            + "\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    DeactivateAccessKey() {
        super(NAME, "Make an IAM access key Inactive (never deleted) and deny its user everything with an inline policy",
                Effect.CONTAINMENT, EntityType.ACCESS_KEY, Map.of());
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public StepPlan plan(Entity target, Map<String, String> params, ActionContext context) {
        String key = target.value();
        String user = unknown("user of " + key);
        return StepPlan.of(
                        ApiCall.of("iam", "GetAccessKeyLastUsed", "AccessKeyId", key),
                        ApiCall.of("iam", "ListAccessKeys", "UserName", user),
                        ApiCall.of("iam", "TagUser", "UserName", user, "Tags", Map.of(DEACTIVATED_TAG + key, context.responseId())),
                        ApiCall.of("iam", "UpdateAccessKey", "UserName", user, "AccessKeyId", key, "Status", "Inactive"),
                        ApiCall.of("iam", "GetUserPolicy", "UserName", user, "PolicyName", POLICY),
                        ApiCall.of("iam", "PutUserPolicy", "UserName", user, "PolicyName", POLICY, "PolicyDocument", DENY_ALL))
                .withNote("The key is made Inactive, not deleted; undo reactivates it and removes " + POLICY + ".")
                .withNote("The deny-all policy stops every credential of the user, not just this key.");
    }

    @Override
    public StepOutcome execute(Entity target, Map<String, String> params, ActionContext context) throws ActionException {
        requireTarget(target);
        IamClient iam = clients(context).iam();
        String key = target.value();
        String user = AwsCall.run(context, ApiCall.of("iam", "GetAccessKeyLastUsed", "AccessKeyId", key),
                () -> iam.getAccessKeyLastUsed(r -> r.accessKeyId(key)), r -> "user " + r.userName()).userName();
        String status = AwsCall.run(context, ApiCall.of("iam", "ListAccessKeys", "UserName", user),
                        () -> iam.listAccessKeys(r -> r.userName(user)), r -> r.accessKeyMetadata().size() + " keys")
                .accessKeyMetadata().stream().filter(k -> k.accessKeyId().equals(key)).map(AccessKeyMetadata::statusAsString)
                .findFirst().orElseThrow(() -> new ActionException("access key " + key + " is not among " + user + "'s keys"));
        String tag = DEACTIVATED_TAG + key;
        boolean deactivatedByUs = AwsCall.run(context, ApiCall.of("iam", "ListUserTags", "UserName", user),
                () -> iam.listUserTags(r -> r.userName(user)), r -> r.tags().size() + " tags")
                .tags().stream().map(Tag::key).anyMatch(tag::equals);
        if (status.equals("Active")) {
            // the tag first: a failure between the two calls leaves a rerun knowing the key was Active
            AwsCall.run(context, ApiCall.of("iam", "TagUser", "UserName", user, "Tags", Map.of(tag, context.responseId())),
                    () -> iam.tagUser(r -> r.userName(user).tags(Tag.builder().key(tag).value(context.responseId()).build())),
                    r -> "tagged");
            AwsCall.run(context, ApiCall.of("iam", "UpdateAccessKey", "UserName", user, "AccessKeyId", key, "Status", "Inactive"),
                    () -> iam.updateAccessKey(r -> r.userName(user).accessKeyId(key).status("Inactive")), r -> "Inactive");
            deactivatedByUs = true;
        }
        boolean hasPolicy = AwsCall.orAbsent(context, ApiCall.of("iam", "GetUserPolicy", "UserName", user, "PolicyName", POLICY),
                () -> iam.getUserPolicy(r -> r.userName(user).policyName(POLICY)), r -> "present", Set.of("NoSuchEntity")).isPresent();
        if (!hasPolicy) {
            AwsCall.run(context, ApiCall.of("iam", "PutUserPolicy", "UserName", user, "PolicyName", POLICY, "PolicyDocument", DENY_ALL),
                    () -> iam.putUserPolicy(r -> r.userName(user).policyName(POLICY).policyDocument(DENY_ALL)), r -> "put");
        }
        return new StepOutcome(Map.of("user", user, "previous_status", deactivatedByUs ? "Active" : status, "policy", POLICY),
                "key " + key + " of " + user + " Inactive" + (status.equals("Active") ? "" : " (already)") + "; " + POLICY
                        + (hasPolicy ? " already on the user" : " put on the user"));
    }

    @Override
    public StepOutcome undo(Entity target, Map<String, String> params, Map<String, String> outputs, ActionContext context)
            throws ActionException {
        IamClient iam = clients(context).iam();
        String key = target.value();
        String user = outputs.get("user");
        if (user == null) {
            throw new ActionException(NAME + ": the step's outputs do not name the key's user; nothing to undo");
        }
        if ("Active".equals(outputs.get("previous_status"))) {
            AwsCall.run(context, ApiCall.of("iam", "UpdateAccessKey", "UserName", user, "AccessKeyId", key, "Status", "Active"),
                    () -> iam.updateAccessKey(r -> r.userName(user).accessKeyId(key).status("Active")), r -> "Active");
            AwsCall.run(context, ApiCall.of("iam", "UntagUser", "UserName", user, "TagKeys", DEACTIVATED_TAG + key),
                    () -> iam.untagUser(r -> r.userName(user).tagKeys(DEACTIVATED_TAG + key)), r -> "untagged");
        }
        AwsCall.orAbsent(context, ApiCall.of("iam", "DeleteUserPolicy", "UserName", user, "PolicyName", POLICY),
                () -> iam.deleteUserPolicy(r -> r.userName(user).policyName(POLICY)), r -> "deleted", Set.of("NoSuchEntity"));
        return new StepOutcome(Map.of(), "key " + key + " back to " + outputs.get("previous_status") + "; " + POLICY + " removed");
    }
}
