package dev.cloudwarden.simulate.estate;

import dev.cloudwarden.simulate.scenario.Misconfiguration;
import dev.cloudwarden.simulate.scenario.Ransomware;
import dev.cloudwarden.simulate.scenario.World;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The account's S3 buckets and the KMS key of the finance records, as AWS Config records them: the buckets the
 * scenarios use (T3 makes {@code acme-customer-exports} public-read, which its Block Public Access settings — off, or
 * the call would have been refused — let through; A1 suspends versioning on {@code acme-finance-records} and
 * schedules its key for deletion; A2 downloads from {@code acme-customer-data-*}; A4 uploads a public-read object to
 * {@code acme-web-assets}, which needs public ACLs allowed) and the background's buckets, private and encrypted (the
 * data lake without versioning: an everyday gap).
 */
final class Storage {
    static final String LOGS_BUCKET = "acme-logs-" + World.ACCOUNT;
    /** The finance records' key (its id is in the A1 scenario's ScheduleKeyDeletion call). */
    static final String FINANCE_KEY = "1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String DATA_KEY = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final String OWNER = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
    /** Config names a group grantee by the group's name. */
    private static final String LOG_DELIVERY = "LogDelivery";
    private static final String ALL_USERS = "AllUsers";

    /** One bucket's settings; {@code changedBy} is the scenario whose change is its latest configuration item. */
    private record Bucket(String name, int ageDays, String kmsKey, String versioning, boolean blockPublic,
                          List<Object> extraGrants, String policy, String changedBy) {
    }

    private final Timeline time;

    Storage(Timeline time) {
        this.time = time;
    }

    List<ConfigItem> items() {
        List<ConfigItem> items = new ArrayList<>();
        for (Bucket b : buckets()) {
            items.add(bucket(b));
        }
        items.add(financeKey());
        return items;
    }

    private List<Bucket> buckets() {
        boolean t3 = time.ran(Misconfiguration.ID);
        boolean a1 = time.ran(Ransomware.ID);
        String account = World.ACCOUNT;
        return List.of(
                new Bucket("acme-customer-exports", 400, null, "Enabled", false,
                        t3 ? List.of(grant(ALL_USERS, "Read")) : List.of(), null, t3 ? Misconfiguration.ID : null),
                new Bucket("acme-customer-data-" + account, 700, DATA_KEY, "Enabled", true, List.of(), null, null),
                new Bucket("acme-finance-records", 900, FINANCE_KEY, a1 ? "Suspended" : "Enabled", true, List.of(), null,
                        a1 ? Ransomware.ID : null),
                new Bucket("acme-web-assets", 800, null, "Enabled", false, List.of(),
                        allow("AWS", "arn:aws:iam::" + account + ":role/cdn", "s3:GetObject", "arn:aws:s3:::acme-web-assets/*"), null),
                new Bucket("acme-invoices-" + account, 600, DATA_KEY, "Enabled", true, List.of(), null, null),
                new Bucket(LOGS_BUCKET, 1000, null, "Enabled", true,
                        List.of(grant(LOG_DELIVERY, "Write"), grant(LOG_DELIVERY, "ReadAcp")),
                        allow("Service", "cloudtrail.amazonaws.com", "s3:PutObject",
                                "arn:aws:s3:::" + LOGS_BUCKET + "/AWSLogs/" + account + "/*"), null),
                new Bucket("acme-backups-" + account, 950, DATA_KEY, "Enabled", true, List.of(), null, null),
                new Bucket("acme-web-assets-" + account, 500, null, "Enabled", true, List.of(), null, null),
                new Bucket("acme-datalake-" + account, 300, DATA_KEY, "Off", true, List.of(), null, null));
    }

    private ConfigItem bucket(Bucket b) {
        List<Object> grants = new ArrayList<>();
        grants.add(Obj.of("grantee", Obj.of("id", OWNER, "displayName", null), "permission", "FullControl"));
        grants.addAll(b.extraGrants());
        Map<String, Object> acl = Obj.of("grantSet", null, "grantList", grants,
                "owner", Obj.of("displayName", null, "id", OWNER), "isRequesterCharged", false);
        Map<String, Object> byDefault = b.kmsKey() == null ? Obj.of("sseAlgorithm", "AES256", "kmsMasterKeyID", null)
                : Obj.of("sseAlgorithm", "aws:kms", "kmsMasterKeyID", keyArn(b.kmsKey()));
        boolean block = b.blockPublic();
        Map<String, Object> supplementary = Obj.of(
                // Config delivers the ACL as JSON text, the other settings as objects
                "AccessControlList", Obj.text(acl),
                "BucketAccelerateConfiguration", Obj.of("status", null),
                "BucketLoggingConfiguration", b.name().equals(LOGS_BUCKET)
                        ? Obj.of("destinationBucketName", null, "logFilePrefix", null)
                        : Obj.of("destinationBucketName", LOGS_BUCKET, "logFilePrefix", "s3/" + b.name() + "/"),
                "BucketNotificationConfiguration", Obj.of("configurations", Map.of()),
                "BucketPolicy", Obj.of("policyText", b.policy()),
                "BucketVersioningConfiguration", Obj.of("status", b.versioning(), "isMfaDeleteEnabled", null),
                "IsRequesterPaysEnabled", false,
                "PublicAccessBlockConfiguration", Obj.of("blockPublicAcls", block, "ignorePublicAcls", block,
                        "blockPublicPolicy", block, "restrictPublicBuckets", block),
                "ServerSideEncryptionConfiguration", Obj.of("rules", List.of(Obj.of(
                        "applyServerSideEncryptionByDefault", byDefault, "bucketKeyEnabled", b.kmsKey() != null))));
        Map<String, Object> configuration = Obj.of("name", b.name(), "owner", Obj.of("displayName", null, "id", OWNER),
                "creationDate", Timeline.iso(time.daysBefore(b.ageDays())));
        return ConfigItem.of("AWS::S3::Bucket", b.name(), b.name(), "arn:aws:s3:::" + b.name(), Network.REGION, "Regional",
                        time.captured(b.changedBy()), configuration)
                .supplementary(supplementary);
    }

    /** The key of the finance records; after A1 it waits out the seven days the attacker asked for. */
    private ConfigItem financeKey() {
        boolean a1 = time.ran(Ransomware.ID);
        Instant deletion = a1 ? time.changedBy(Ransomware.ID).plus(7, ChronoUnit.DAYS) : null;
        Map<String, Object> c = Obj.of("awsAccountId", World.ACCOUNT, "keyId", FINANCE_KEY, "arn", keyArn(FINANCE_KEY),
                "creationDate", Timeline.iso(time.daysBefore(900)), "enabled", !a1, "description", "finance records",
                "keyUsage", "ENCRYPT_DECRYPT", "keyState", a1 ? "PendingDeletion" : "Enabled",
                "deletionDate", deletion == null ? null : Timeline.iso(deletion), "origin", "AWS_KMS",
                "keyManager", "CUSTOMER", "customerMasterKeySpec", "SYMMETRIC_DEFAULT", "keySpec", "SYMMETRIC_DEFAULT",
                "encryptionAlgorithms", List.of("SYMMETRIC_DEFAULT"), "multiRegion", false);
        return ConfigItem.of("AWS::KMS::Key", FINANCE_KEY, null, keyArn(FINANCE_KEY), Network.REGION, "Not Applicable",
                time.captured(a1 ? Ransomware.ID : null), c);
    }

    private static Map<String, Object> grant(String group, String permission) {
        return Obj.of("grantee", group, "permission", permission);
    }

    private static String allow(String principalKind, String principal, String action, String resource) {
        return Obj.text(Obj.of("Version", "2012-10-17", "Statement", List.of(Obj.of("Effect", "Allow",
                "Principal", Obj.of(principalKind, principal), "Action", action, "Resource", resource))));
    }

    static String keyArn(String keyId) {
        return "arn:aws:kms:" + Network.REGION + ":" + World.ACCOUNT + ":key/" + keyId;
    }
}
