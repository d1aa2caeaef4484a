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
 * A3: a leaked key launches GPU instances in a region the company never uses; the new instances resolve a
 * mining pool and hold stratum connections to it on port 3333 for hours.
 */
public final class Cryptomining implements Scenario {
    static final String ID = "a3-cryptomining";
    private static final String ATTACKER = "203.0.113.150";
    private static final String POOL_IP = "192.0.2.200";
    /** The instance the attacker launches, which then mines. */
    private static final String[] MINER = World.INSTANCES.get(4);

    @Override
    public ScenarioInfo info() {
        return new ScenarioInfo(ID, "A3", "GPU instances in an unused region mining to a pool", List.of("T1496"));
    }

    @Override
    public void generate(Instant start, Random random, Consumer<LogLine> out) {
        Identity who = Identity.user(World.ACCOUNT, "deploy-bot", "AKIALEAKEDDEPLOYKEY1");
        Instant t = start.plusSeconds(3);
        out.accept(new LogLine(LogKind.CLOUDTRAIL, t, CloudTrailRecords.call(t, who, ATTACKER,
                "Boto3/1.34.61 Python/3.12.2 Linux/5.15", "ec2.amazonaws.com", "RunInstances", "ap-southeast-3", g -> {
                    g.writeStringField("instanceType", "p3.16xlarge");
                    g.writeStringField("imageId", "ami-0miner000000000a");
                    g.writeNumberField("minCount", 10);
                    g.writeNumberField("maxCount", 10);
                }, null, g -> {
                    g.writeObjectFieldStart("responseElements");
                    g.writeObjectFieldStart("instancesSet");
                    g.writeArrayFieldStart("items");
                    g.writeStartObject();
                    g.writeStringField("instanceId", MINER[0]);
                    g.writeStringField("instanceType", "p3.16xlarge");
                    g.writeEndObject();
                    g.writeEndArray();
                    g.writeEndObject();
                    g.writeEndObject();
                }, random.nextLong()), ID));
        String[] miner = MINER;
        t = t.plusSeconds(120);
        out.accept(new LogLine(LogKind.ROUTE53, t, Formats.route53(World.ACCOUNT, World.VPC, t, "pool.supportxmr.com.", "A",
                "NOERROR", POOL_IP, miner[1], miner[0]), ID));
        for (int i = 0; i < 6; i++) {
            Instant f = t.plusSeconds(60L * i + 5);
            out.accept(new LogLine(LogKind.VPC_FLOW, f, Formats.flow(World.ACCOUNT, miner[2], miner[1], POOL_IP,
                    40000 + random.nextInt(20000), 3333, 6, 900 + random.nextInt(300), 400_000 + random.nextInt(200_000), f, true), ID));
        }
    }
}
