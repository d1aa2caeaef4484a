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
 * A2: data theft — a new access key for another user, then a database snapshot and a volume snapshot shared
 * with an account outside the organisation.
 */
public final class SnapshotExfiltration implements Scenario {
    static final String ID = "a2-snapshot-exfiltration";
    private static final String ATTACKER = "203.0.113.45";
    private static final String FOREIGN_ACCOUNT = "999988887777";

    @Override
    public ScenarioInfo info() {
        return new ScenarioInfo(ID, "A2", "Snapshots shared with a foreign account", List.of("T1537", "T1098.001"));
    }

    @Override
    public void generate(Instant start, Random random, Consumer<LogLine> out) {
        Identity who = Identity.user(World.ACCOUNT, "carol", "AKIASTOLENCAROLKEY01");
        Instant t = start.plusSeconds(2);
        out.accept(new LogLine(LogKind.CLOUDTRAIL, t, CloudTrailRecords.call(t, who, ATTACKER, World.AGENT_CLI,
                "iam.amazonaws.com", "CreateAccessKey", "us-east-1", g -> g.writeStringField("userName", "backup-svc"),
                null, null, random.nextLong()), ID));
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
