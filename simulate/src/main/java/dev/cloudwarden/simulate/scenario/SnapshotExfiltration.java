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
 * A2: data theft — a new access key for the backup service, bulk downloads of customer exports with it (tens
 * of gigabytes in half an hour, where the service reads a few hundred megabytes an hour), then a database
 * snapshot and a volume snapshot shared with an account outside the organisation.
 */
public final class SnapshotExfiltration implements Scenario {
    public static final String ID = "a2-snapshot-exfiltration";
    private static final String ATTACKER = "203.0.113.45";
    private static final String FOREIGN_ACCOUNT = "999988887777";

    @Override
    public ScenarioInfo info() {
        return new ScenarioInfo(ID, "A2", "New key, bulk downloads, snapshots shared with a foreign account",
                List.of("T1530", "T1537", "T1098.001"));
    }

    @Override
    public void generate(Instant start, Random random, Consumer<LogLine> out) {
        Identity who = Identity.user(World.ACCOUNT, "carol", "AKIASTOLENCAROLKEY01");
        Instant t = start.plusSeconds(2);
        out.accept(new LogLine(LogKind.CLOUDTRAIL, t, CloudTrailRecords.call(t, who, ATTACKER, World.AGENT_CLI,
                "iam.amazonaws.com", "CreateAccessKey", "us-east-1", g -> g.writeStringField("userName", "backup-svc"),
                null, null, random.nextLong()), ID));
        Identity stolen = Identity.user(World.ACCOUNT, "backup-svc", "AKIANEWBACKUPKEY0042");
        for (int i = 0; i < 30; i++) {
            t = t.plusSeconds(40 + random.nextInt(20));
            long bytes = 700_000_000L + random.nextInt(400_000_000);
            String key = "exports/customers-" + (2026_11_01 + i % 19) + "/part-" + i + ".csv.gz";
            out.accept(new LogLine(LogKind.CLOUDTRAIL, t, CloudTrailRecords.getObject(t, stolen, ATTACKER, World.AGENT_CLI,
                    "acme-customer-data-" + World.ACCOUNT, key, bytes, random.nextLong()), ID));
        }
        t = t.plusSeconds(90);
        out.accept(new LogLine(LogKind.CLOUDTRAIL, t, CloudTrailRecords.call(t, who, ATTACKER, World.AGENT_CLI,
                "rds.amazonaws.com", "ModifyDBSnapshotAttribute", "us-east-1", g -> {
                    g.writeStringField("dBSnapshotIdentifier", "customers-2026-11-19");
                    g.writeStringField("attributeName", "restore");
                    g.writeArrayFieldStart("valuesToAdd");
                    g.writeString(FOREIGN_ACCOUNT);
                    g.writeEndArray();
                }, null, null, random.nextLong()), ID));
        t = t.plusSeconds(30);
        out.accept(new LogLine(LogKind.CLOUDTRAIL, t, CloudTrailRecords.call(t, who, ATTACKER, World.AGENT_CLI,
                "ec2.amazonaws.com", "ModifySnapshotAttribute", "us-east-1", g -> {
                    g.writeStringField("snapshotId", "snap-0123456789abcdef0");
                    g.writeStringField("attributeType", "CREATE_VOLUME_PERMISSION");
                    g.writeObjectFieldStart("createVolumePermission");
                    g.writeObjectFieldStart("add");
                    g.writeArrayFieldStart("items");
                    g.writeStartObject();
                    g.writeStringField("userId", FOREIGN_ACCOUNT);
                    g.writeEndObject();
                    g.writeEndArray();
                    g.writeEndObject();
                    g.writeEndObject();
                }, null, null, random.nextLong()), ID));
    }
}
