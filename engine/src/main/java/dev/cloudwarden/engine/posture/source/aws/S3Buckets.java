package dev.cloudwarden.engine.posture.source.aws;

import dev.cloudwarden.engine.posture.model.Unknown;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The S3 bucket shape. No single API describes a bucket, so the shape is the S3 Get* responses gathered under
 * Panther's names: {@code Name}, {@code CreationDate}, {@code Owner {DisplayName, ID}}, {@code Grants} (GetBucketAcl,
 * {@code [{Grantee {Type, ID, DisplayName, URI, EmailAddress}, Permission: "READ"}]}), {@code EncryptionRules}
 * (GetBucketEncryption's rules), {@code LoggingPolicy} (GetBucketLogging's {@code {TargetBucket, TargetPrefix}}),
 * {@code Versioning} ("Enabled"/"Suspended"/null), {@code MFADelete} ("Enabled"/"Disabled"/null), {@code Policy}
 * (the policy document), {@code PublicAccessBlockConfiguration}, {@code LifecycleRules}. Every one of these keys is
 * present; null means "not configured" — except in {@code s3api list-buckets} output, which says nothing about them:
 * there they are Unknown.
 */
final class S3Buckets {
    static final List<String> FIELDS = List.of("Grants", "EncryptionRules", "LoggingPolicy", "Versioning", "MFADelete",
            "Policy", "PublicAccessBlockConfiguration", "LifecycleRules");

    private static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    private static final String AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    private static final String LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery";

    private S3Buckets() {
    }

    /**
     * list-buckets: only names and dates are known; a field the bucket does carry (the live scan merges its Get*
     * answers in) is kept, null too: null is "not configured", which putIfAbsent would take for absent.
     */
    static void fromListBuckets(Map<String, Object> bucket) {
        for (String f : FIELDS) {
            if (!bucket.containsKey(f)) {
                bucket.put(f, Unknown.of("not in s3api list-buckets output"));
            }
        }
    }

    /** A Config item: configuration {name, owner, creationDate} (already raised) and the supplementary entries. */
    static void fromConfig(Map<String, Object> bucket, Map<String, Object> supplementary) {
        Map<String, Object> owner = Shape.asMap(bucket.get("Owner"));
        if (owner != null && owner.containsKey("Id")) {
            owner.put("ID", owner.remove("Id"));
        }
        Map<String, Object> acl = Shape.asMap(supplementary.remove("AccessControlList"));
        bucket.put("Grants", acl == null ? null : grants(acl.get("GrantList")));
        Map<String, Object> encryption = Shape.asMap(supplementary.remove("ServerSideEncryptionConfiguration"));
        bucket.put("EncryptionRules", encryption == null ? null : encryption.get("Rules"));
        Map<String, Object> logging = Shape.asMap(supplementary.remove("BucketLoggingConfiguration"));
        Object target = logging == null ? null : logging.get("DestinationBucketName");
        if (target == null) {
            bucket.put("LoggingPolicy", null);
        } else {
            Map<String, Object> policy = new LinkedHashMap<>();
            policy.put("TargetBucket", target);
            policy.put("TargetPrefix", logging.get("LogFilePrefix"));
            bucket.put("LoggingPolicy", policy);
        }
        Map<String, Object> versioning = Shape.asMap(supplementary.remove("BucketVersioningConfiguration"));
        Object status = versioning == null ? null : versioning.get("Status");
        bucket.put("Versioning", "Off".equals(status) ? null : status);
        Object mfa = versioning == null ? null : versioning.get("IsMfaDeleteEnabled");
        bucket.put("MFADelete", mfa == null ? null : Boolean.TRUE.equals(mfa) ? "Enabled" : "Disabled");
        Map<String, Object> policy = Shape.asMap(supplementary.remove("BucketPolicy"));
        bucket.put("Policy", policy == null ? null : policy.get("PolicyText"));
        bucket.put("PublicAccessBlockConfiguration", supplementary.remove("PublicAccessBlockConfiguration"));
        Map<String, Object> lifecycle = Shape.asMap(supplementary.remove("BucketLifecycleConfiguration"));
        bucket.put("LifecycleRules", lifecycle == null ? null : lifecycle.get("Rules"));
        Map<String, Object> tagging = Shape.asMap(supplementary.remove("BucketTaggingConfiguration"));
        if (tagging != null && tagging.get("TagSets") instanceof List<?> sets && !sets.isEmpty()
                && sets.get(0) instanceof Map<?, ?> set && set.get("Tags") instanceof Map<?, ?> tags) {
            bucket.put("Tags", Shape.tagList(tags));
        }
        supplementary.forEach(bucket::putIfAbsent);
    }

    /** Config's grant list: a grantee is a group's name ("AllUsers") or an object with an id or e-mail. */
    private static Object grants(Object grantList) {
        if (!(grantList instanceof List<?> list)) {
            return null;
        }
        List<Object> grants = new ArrayList<>();
        for (Object g : list) {
            Map<String, Object> grant = Shape.asMap(g);
            if (grant == null) {
                continue;
            }
            Map<String, Object> grantee = new LinkedHashMap<>();
            for (String field : List.of("DisplayName", "EmailAddress", "ID", "Type", "URI")) {
                grantee.put(field, null);
            }
            Object who = grant.get("Grantee");
            if (who instanceof String group) {
                grantee.put("Type", "Group");
                grantee.put("URI", groupUri(group));
            } else if (who instanceof Map<?, ?> m) {
                Object id = m.get("Id");
                Object identifier = m.get("Identifier");
                Object email = m.get("EmailAddress");
                if (identifier instanceof String uri && uri.startsWith("http")) {
                    grantee.put("Type", "Group");
                    grantee.put("URI", uri);
                } else if (email != null) {
                    grantee.put("Type", "AmazonCustomerByEmail");
                    grantee.put("EmailAddress", email);
                } else {
                    grantee.put("Type", "CanonicalUser");
                    grantee.put("ID", id != null ? id : identifier);
                    grantee.put("DisplayName", m.get("DisplayName"));
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("Grantee", grantee);
            out.put("Permission", permission(grant.get("Permission")));
            grants.add(out);
        }
        return grants;
    }

    private static String groupUri(String group) {
        return switch (group) {
            case "AllUsers" -> ALL_USERS;
            case "AuthenticatedUsers" -> AUTHENTICATED_USERS;
            case "LogDelivery" -> LOG_DELIVERY;
            default -> group;
        };
    }

    /** Config's "FullControl", "ReadAcp" as the API's "FULL_CONTROL", "READ_ACP". */
    private static Object permission(Object p) {
        if (!(p instanceof String s)) {
            return p;
        }
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }
}
