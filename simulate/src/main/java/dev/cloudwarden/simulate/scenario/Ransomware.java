package dev.cloudwarden.simulate.scenario;

import dev.cloudwarden.simulate.write.CloudTrailRecords;
import dev.cloudwarden.simulate.write.CloudTrailRecords.Identity;
import dev.cloudwarden.simulate.write.LogKind;
import dev.cloudwarden.simulate.write.LogLine;
import dev.cloudwarden.simulate.write.ScenarioInfo;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A1: cloud ransomware against S3 — versioning suspended, the data read out, the objects deleted in a burst,
 * a ransom note left, and the KMS key scheduled for deletion.
 */
public final class Ransomware implements Scenario {
    public static final String ID = "a1-s3-ransomware";
    private static final String ATTACKER = "203.0.113.31";
    private static final String BUCKET = "acme-finance-records";

    @Override
    public ScenarioInfo info() {
        return new ScenarioInfo(ID, "A1", "S3 data encrypted for ransom and deleted", List.of("T1486", "T1490", "T1485"));
    }

    @Override
    public void generate(Instant start, Random random, Consumer<LogLine> out) {
        Identity who = Identity.role(World.ACCOUNT, "data-pipeline", "i-0a11111111111111a", "ASIASTOLENPIPELINE01");
        String agent = "aws-sdk-go-v2/1.25.2 os/linux lang/go#1.22.1";
        Instant t = start.plusSeconds(4);
        out.accept(new LogLine(LogKind.CLOUDTRAIL, t, CloudTrailRecords.call(t, who, ATTACKER, agent, "s3.amazonaws.com",
                "PutBucketVersioning", "us-east-1", g -> {
                    g.writeStringField("bucketName", BUCKET);
                    g.writeObjectFieldStart("VersioningConfiguration");
                    g.writeStringField("Status", "Suspended");
                    g.writeEndObject();
                }, null, null, random.nextLong()), ID));
        for (int i = 0; i < 40; i++) {
            t = t.plusMillis(300 + random.nextInt(500));
            String key = "ledger/2026/" + String.format("%04d", i) + ".parquet";
            out.accept(new LogLine(LogKind.CLOUDTRAIL, t, CloudTrailRecords.call(t, who, ATTACKER, agent, "s3.amazonaws.com",
                    i % 2 == 0 ? "GetObject" : "DeleteObject", "us-east-1", g -> {
                        g.writeStringField("bucketName", BUCKET);
                        g.writeStringField("key", key);
                    }, null, null, random.nextLong()), ID));
        }
        t = t.plusSeconds(5);
        out.accept(new LogLine(LogKind.CLOUDTRAIL, t, CloudTrailRecords.call(t, who, ATTACKER, agent, "s3.amazonaws.com",
                "PutObject", "us-east-1", g -> {
                    g.writeStringField("bucketName", BUCKET);
                    g.writeStringField("key", "README_RESTORE_YOUR_FILES.txt");
                }, null, null, random.nextLong()), ID));
        t = t.plusSeconds(20);
        out.accept(new LogLine(LogKind.CLOUDTRAIL, t, CloudTrailRecords.call(t, who, ATTACKER, agent, "kms.amazonaws.com",
                "ScheduleKeyDeletion", "us-east-1", g -> {
                    g.writeStringField("keyId", "arn:aws:kms:us-east-1:" + World.ACCOUNT + ":key/1234abcd-12ab-34cd-56ef-1234567890ab");
                    g.writeNumberField("pendingWindowInDays", 7);
                }, null, null, random.nextLong()), ID));
    }
}
