package dev.cloudwarden.simulate.scenario;

import dev.cloudwarden.simulate.write.CloudTrailRecords;
import dev.cloudwarden.simulate.write.CloudTrailRecords.Identity;
import dev.cloudwarden.simulate.write.Formats;
import dev.cloudwarden.simulate.write.LogKind;
import dev.cloudwarden.simulate.write.LogLine;
import dev.cloudwarden.simulate.write.ScenarioInfo;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * T4: a compromised partner account uses its trusted role into ours (from a host in the partner's peered
 * network, through the STS VPC endpoint, so CloudTrail records its private address), then pulls far more data
 * over the peering than the partnership's daily sync ever moved between the two networks.
 */
public final class CrossCloudPivot implements Scenario {
    static final String ID = "t4-cross-cloud-pivot";
    private static final String PARTNER = "444400004444";

    @Override
    public ScenarioInfo info() {
        return new ScenarioInfo(ID, "T4", "Trusted partner role abused, then bulk transfer", List.of("T1199", "T1537"));
    }

    @Override
    public void generate(Instant start, Random random, Consumer<LogLine> out) {
        Identity partner = new Identity("AWSAccount", "arn:aws:iam::" + PARTNER + ":root", PARTNER, null, null);
        Instant t = start.plusSeconds(3);
        out.accept(new LogLine(LogKind.CLOUDTRAIL, t, CloudTrailRecords.call(t, partner, World.ACCOUNT, "10.8.1.10", World.AGENT_CLI,
                "sts.amazonaws.com", "AssumeRole", "eu-west-1", g -> {
                    g.writeStringField("roleArn", "arn:aws:iam::" + World.ACCOUNT + ":role/partner-integration");
                    g.writeStringField("roleSessionName", "sync");
                }, null, null, random.nextLong()), ID));
        String[] db = World.INSTANCES.get(3);
        for (int i = 0; i < 6; i++) {
            Instant f = t.plusSeconds(120 + 60L * i);
            out.accept(new LogLine(LogKind.VPC_FLOW, f, Formats.flow(World.ACCOUNT, db[2], db[1], "10.8.1." + (10 + i % 3),
                    5432, 40000 + random.nextInt(20000), 6, 2_000_000, 2_800_000_000L, f, true), ID));
        }
    }
}
