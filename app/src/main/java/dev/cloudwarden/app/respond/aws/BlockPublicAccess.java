package dev.cloudwarden.app.respond.aws;

import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.ApiCall;
import dev.cloudwarden.app.respond.action.Effect;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.app.respond.action.StepPlan;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetPublicAccessBlockResponse;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code aws.s3.block_public_access}: all four Block Public Access settings on for the bucket, which overrides any
 * public ACL or policy at once without touching them (they stay as evidence). The settings before are the step's
 * output; undo puts them back, or removes the configuration when there was none.
 *
 * <p>The step changes one thing with one call, so a rerun after a failure still reads the settings before it.
 */
final class BlockPublicAccess extends AwsAction {
    static final String NAME = "aws.s3.block_public_access";
    static final String NONE = "none";
    private static final PublicAccessBlockConfiguration ALL = PublicAccessBlockConfiguration.builder()
            .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true).build();

    BlockPublicAccess() {
        super(NAME, "Turn on all four S3 Block Public Access settings for a bucket", Effect.CONTAINMENT,
                EntityType.BUCKET, Map.of());
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public StepPlan plan(Entity target, Map<String, String> params, ActionContext context) {
        return StepPlan.of(ApiCall.of("s3", "GetPublicAccessBlock", "Bucket", target.value()),
                ApiCall.of("s3", "PutPublicAccessBlock", "Bucket", target.value(), "PublicAccessBlockConfiguration", text(ALL)));
    }

    static String text(PublicAccessBlockConfiguration c) {
        return "BlockPublicAcls=" + c.blockPublicAcls() + ",IgnorePublicAcls=" + c.ignorePublicAcls()
                + ",BlockPublicPolicy=" + c.blockPublicPolicy() + ",RestrictPublicBuckets=" + c.restrictPublicBuckets();
    }

    private static PublicAccessBlockConfiguration parse(String text) {
        Map<String, Boolean> v = new HashMap<>();
        for (String pair : text.split(",")) {
            String[] kv = pair.split("=");
            v.put(kv[0], Boolean.parseBoolean(kv[1]));
        }
        return PublicAccessBlockConfiguration.builder().blockPublicAcls(v.get("BlockPublicAcls"))
                .ignorePublicAcls(v.get("IgnorePublicAcls")).blockPublicPolicy(v.get("BlockPublicPolicy"))
                .restrictPublicBuckets(v.get("RestrictPublicBuckets")).build();
    }

    @Override
    public StepOutcome execute(Entity target, Map<String, String> params, ActionContext context) throws ActionException {
        requireTarget(target);
        S3Client s3 = clients(context).s3();
        String bucket = target.value();
        Optional<GetPublicAccessBlockResponse> before = AwsCall.orAbsent(context,
                ApiCall.of("s3", "GetPublicAccessBlock", "Bucket", bucket),
                () -> s3.getPublicAccessBlock(r -> r.bucket(bucket)), r -> text(r.publicAccessBlockConfiguration()),
                Set.of("NoSuchPublicAccessBlockConfiguration"));
        String previous = before.map(r -> text(r.publicAccessBlockConfiguration())).orElse(NONE);
        if (previous.equals(text(ALL))) {
            return new StepOutcome(Map.of("bucket", bucket, "previous", previous), bucket + " already blocks all public access");
        }
        AwsCall.run(context, ApiCall.of("s3", "PutPublicAccessBlock", "Bucket", bucket, "PublicAccessBlockConfiguration", text(ALL)),
                () -> s3.putPublicAccessBlock(r -> r.bucket(bucket).publicAccessBlockConfiguration(ALL)), r -> "blocked");
        return new StepOutcome(Map.of("bucket", bucket, "previous", previous), bucket + " blocks all public access (was " + previous + ")");
    }

    @Override
    public StepOutcome undo(Entity target, Map<String, String> params, Map<String, String> outputs, ActionContext context)
            throws ActionException {
        S3Client s3 = clients(context).s3();
        String bucket = target.value();
        String previous = outputs.getOrDefault("previous", NONE);
        if (previous.equals(NONE)) {
            AwsCall.run(context, ApiCall.of("s3", "DeletePublicAccessBlock", "Bucket", bucket),
                    () -> s3.deletePublicAccessBlock(r -> r.bucket(bucket)), r -> "deleted");
        } else {
            PublicAccessBlockConfiguration c = parse(previous);
            AwsCall.run(context, ApiCall.of("s3", "PutPublicAccessBlock", "Bucket", bucket, "PublicAccessBlockConfiguration", previous),
                    () -> s3.putPublicAccessBlock(r -> r.bucket(bucket).publicAccessBlockConfiguration(c)), r -> "restored");
        }
        return new StepOutcome(Map.of(), bucket + " public access settings back to " + previous);
    }
}
