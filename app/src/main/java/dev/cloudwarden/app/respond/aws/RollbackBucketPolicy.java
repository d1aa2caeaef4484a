package dev.cloudwarden.app.respond.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.ApiCall;
import dev.cloudwarden.app.respond.action.Effect;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.app.respond.action.StepPlan;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetBucketPolicyResponse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code aws.s3.rollback_bucket_policy}: the bucket's policy put back to the one in force before the incident. S3
 * keeps no history of policies, CloudTrail does: the latest PutBucketPolicy of the bucket before the incident's first
 * alert carries the policy it set. The policy found at the time of the response is kept in the outputs as evidence.
 *
 * <p>A DeleteBucketPolicy later than that Put means no policy was in force: the current one is deleted. When the
 * history has no earlier policy (the bucket never had one, or it was set more than 90 days ago) the step
 * fails rather than guess, unless the playbook says {@code if_no_history: delete}.
 */
final class RollbackBucketPolicy extends AwsAction {
    static final String NAME = "aws.s3.rollback_bucket_policy";

    RollbackBucketPolicy() {
        super(NAME, "Restore the bucket policy in force before the incident, found in CloudTrail's history",
                Effect.CONTAINMENT, EntityType.BUCKET,
                Map.of("if_no_history", "what to do when CloudTrail has no earlier policy: fail (default) or delete"));
    }

    @Override
    public StepPlan plan(Entity target, Map<String, String> params, ActionContext context) {
        String bucket = target.value();
        String before = context.incident().first().toString();
        StepPlan plan = StepPlan.of(ApiCall.of("s3", "GetBucketPolicy", "Bucket", bucket),
                ApiCall.of("cloudtrail", "LookupEvents", "LookupAttributes", Map.of("EventName", "PutBucketPolicy"),
                        "EndTime", before, "Pages", "all"),
                ApiCall.of("cloudtrail", "LookupEvents", "LookupAttributes", Map.of("EventName", "DeleteBucketPolicy"),
                        "EndTime", before, "Pages", "all"),
                ApiCall.of("s3", "PutBucketPolicy", "Bucket", bucket,
                        "Policy", unknown("latest policy of " + bucket + " set before " + before)));
        return "delete".equals(params.get("if_no_history"))
                ? plan.withNote("With no earlier policy in CloudTrail's history: DeleteBucketPolicy on " + bucket + " instead.")
                : plan.withNote("With no earlier policy in CloudTrail's history the step fails (if_no_history: delete to remove it).");
    }

    @Override
    public StepOutcome execute(Entity target, Map<String, String> params, ActionContext context) throws ActionException {
        requireTarget(target);
        String ifNone = params.getOrDefault("if_no_history", "fail");
        if (!ifNone.equals("fail") && !ifNone.equals("delete")) {
            throw new ActionException("if_no_history is fail or delete, not " + ifNone);
        }
        AwsClients clients = clients(context);
        S3Client s3 = clients.s3();
        String bucket = target.value();
        Optional<String> current = AwsCall.orAbsent(context, ApiCall.of("s3", "GetBucketPolicy", "Bucket", bucket),
                () -> s3.getBucketPolicy(r -> r.bucket(bucket)), r -> r.policy().length() + " characters",
                Set.of("NoSuchBucketPolicy")).map(GetBucketPolicyResponse::policy);
        Optional<TrailHistory.TrailRecord> earlier = latest(context, clients, bucket, "PutBucketPolicy");
        Optional<TrailHistory.TrailRecord> deleted = latest(context, clients, bucket, "DeleteBucketPolicy");
        if (deleted.isPresent() && (earlier.isEmpty() || deleted.get().time().isAfter(earlier.get().time()))) {
            // the last word before the incident was a deletion: no policy was in force
            return removePolicy(context, s3, bucket, current, outputs(bucket, current),
                    "deleted at " + deleted.get().time() + " before the incident");
        }
        Map<String, String> outputs = outputs(bucket, current);
        if (earlier.isPresent()) {
            String policy = policyText(earlier.get().requestParameters().path("bucketPolicy"));
            outputs.put("restored_from", earlier.get().eventId() + " at " + earlier.get().time());
            if (current.isPresent() && sameJson(current.get(), policy)) {
                return new StepOutcome(outputs, bucket + " already has the policy set at " + earlier.get().time());
            }
            AwsCall.run(context, ApiCall.of("s3", "PutBucketPolicy", "Bucket", bucket, "Policy", policy),
                    () -> s3.putBucketPolicy(r -> r.bucket(bucket).policy(policy)), r -> "restored");
            return new StepOutcome(outputs, bucket + " policy restored to the one set at " + earlier.get().time());
        }
        if (ifNone.equals("fail")) {
            throw new ActionException("no PutBucketPolicy for " + bucket + " in CloudTrail's event history before "
                    + context.incident().first() + ": the policy before the incident is unknown (older than 90 days, or "
                    + "there was none); the current policy is unchanged. Set if_no_history: delete to remove it.");
        }
        return removePolicy(context, s3, bucket, current, outputs, "none in CloudTrail's history before the incident");
    }

    private static Map<String, String> outputs(String bucket, Optional<String> current) {
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("bucket", bucket);
        outputs.put("policy_at_response", current.orElse(""));
        return outputs;
    }

    /** The latest {@code eventName} record of the bucket before the incident. */
    private static Optional<TrailHistory.TrailRecord> latest(ActionContext context, AwsClients clients, String bucket,
                                                             String eventName) throws ActionException {
        return TrailHistory.before(context, clients.cloudTrail(), eventName, context.incident().first()).stream()
                .filter(r -> bucket.equals(r.requestParameters().path("bucketName").asText())).findFirst();
    }

    private static StepOutcome removePolicy(ActionContext context, S3Client s3, String bucket, Optional<String> current,
                                            Map<String, String> outputs, String why) throws ActionException {
        outputs.put("restored_from", "no policy: " + why);
        if (current.isEmpty()) {
            return new StepOutcome(outputs, bucket + " has no policy, as before the incident");
        }
        AwsCall.run(context, ApiCall.of("s3", "DeleteBucketPolicy", "Bucket", bucket),
                () -> s3.deleteBucketPolicy(r -> r.bucket(bucket)), r -> "deleted");
        return new StepOutcome(outputs, bucket + " policy deleted (" + why + ")");
    }

    /** CloudTrail writes the policy as a JSON object; some writers give it as text. */
    private static String policyText(JsonNode policy) throws ActionException {
        if (policy.isTextual()) {
            return policy.asText();
        }
        if (policy.isObject()) {
            return policy.toString();
        }
        throw new ActionException("the earlier PutBucketPolicy record carries no policy");
    }

    private static boolean sameJson(String a, String b) {
        try {
            return Objects.equals(Json.MAPPER.readTree(a), Json.MAPPER.readTree(b));
        } catch (JsonProcessingException e) {
            return a.equals(b);
        }
    }
}
