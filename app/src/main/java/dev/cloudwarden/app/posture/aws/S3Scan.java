package dev.cloudwarden.app.posture.aws;

import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * S3, once per account: {@code list-buckets}, each bucket given the answers of its own Get* calls under the names
 * the snapshot reader's bucket shape has (Panther's): {@code Grants}, {@code Policy}, {@code PublicAccessBlockConfiguration},
 * {@code EncryptionRules}, {@code Versioning}, {@code MFADelete}, {@code LoggingPolicy}, {@code LifecycleRules},
 * {@code ObjectLockConfiguration}. The error S3 gives for a setting never made (NoSuchBucketPolicy ...) is null, "not
 * configured"; a call that failed leaves its field out, which the reader makes unknown, so a denied GetBucketPolicy
 * never passes the public-policy check.
 */
record S3Scan(S3Client s3, Calls calls) {
    static void scan(S3Client s3, Calls calls, List<LiveDocument> out) {
        new S3Scan(s3, calls).all(out);
    }

    private void all(List<LiveDocument> out) {
        Map<String, Object> listing = calls.get("ListBuckets", () -> CliJson.merged(s3.listBucketsPaginator(r -> { })));
        if (listing == null) {
            return;
        }
        for (Map<String, Object> bucket : Ec2Scan.elements(listing, "Buckets")) {
            if (bucket.get("Name") instanceof String name) {
                details(name, bucket);
            }
        }
        out.add(calls.document("ListBuckets", listing));
    }

    private void details(String b, Map<String, Object> bucket) {
        field(bucket, "Grants", "GetBucketAcl", Set.of(), () -> s3.getBucketAcl(r -> r.bucket(b)), r -> r.get("Grants"));
        field(bucket, "Policy", "GetBucketPolicy", Set.of("NoSuchBucketPolicy"),
                () -> s3.getBucketPolicy(r -> r.bucket(b)), r -> r.get("Policy"));
        field(bucket, "PublicAccessBlockConfiguration", "GetPublicAccessBlock",
                Set.of("NoSuchPublicAccessBlockConfiguration"), () -> s3.getPublicAccessBlock(r -> r.bucket(b)),
                r -> r.get("PublicAccessBlockConfiguration"));
        field(bucket, "EncryptionRules", "GetBucketEncryption", Set.of("ServerSideEncryptionConfigurationNotFoundError"),
                () -> s3.getBucketEncryption(r -> r.bucket(b)),
                r -> r.get("ServerSideEncryptionConfiguration") instanceof Map<?, ?> c ? c.get("Rules") : null);
        Map<String, Object> versioning = calls.get("GetBucketVersioning", () -> CliJson.of(s3.getBucketVersioning(r -> r.bucket(b))));
        if (versioning != null) {
            bucket.put("Versioning", versioning.get("Status"));
            bucket.put("MFADelete", versioning.get("MFADelete"));
        }
        field(bucket, "LoggingPolicy", "GetBucketLogging", Set.of(), () -> s3.getBucketLogging(r -> r.bucket(b)),
                r -> r.get("LoggingEnabled"));
        field(bucket, "LifecycleRules", "GetBucketLifecycleConfiguration", Set.of("NoSuchLifecycleConfiguration"),
                () -> s3.getBucketLifecycleConfiguration(r -> r.bucket(b)), r -> r.get("Rules"));
        field(bucket, "ObjectLockConfiguration", "GetObjectLockConfiguration",
                Set.of("ObjectLockConfigurationNotFoundError"), () -> s3.getObjectLockConfiguration(r -> r.bucket(b)),
                r -> r.get("ObjectLockConfiguration"));
    }

    /** One Get* answer into the bucket: its part of the response, null when not configured, nothing when it failed. */
    private void field(Map<String, Object> bucket, String name, String operation, Set<String> notConfigured,
                       Supplier<? extends SdkPojo> call, Function<Map<String, Object>, Object> part) {
        Calls.Answer<Map<String, Object>> a = calls.configured(operation, notConfigured, () -> CliJson.of(call.get()));
        if (!a.failed()) {
            bucket.put(name, a.value() == null ? null : part.apply(a.value()));
        }
    }
}
