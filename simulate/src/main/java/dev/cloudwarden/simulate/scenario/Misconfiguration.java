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
 * T3: a stolen developer key opens a bucket to everyone, opens SSH and the Docker API to the internet and
 * stops the trail — the misconfigurations the report blames for most exposed records.
 */
public final class Misconfiguration implements Scenario {
    public static final String ID = "t3-misconfiguration";
    private static final String ATTACKER = "192.0.2.77";

    @Override
    public ScenarioInfo info() {
        return new ScenarioInfo(ID, "T3", "Bucket made public, ports opened, logging stopped", List.of("T1530", "T1562.008"));
    }

    @Override
    public void generate(Instant start, Random random, Consumer<LogLine> out) {
        Identity who = Identity.user(World.ACCOUNT, "ci-developer", "AKIADEVELOPERKEY0001");
        Instant t = start;
        t = t.plusSeconds(5);
        out.accept(new LogLine(LogKind.CLOUDTRAIL, t, CloudTrailRecords.call(t, who, ATTACKER, World.AGENT_CLI,
                "s3.amazonaws.com", "PutBucketAcl", "us-east-1", g -> {
                    g.writeStringField("bucketName", "acme-customer-exports");
                    g.writeStringField("x-amz-acl", "public-read");
                    g.writeStringField("Host", "acme-customer-exports.s3.amazonaws.com");
                }, null, null, random.nextLong()), ID));
        for (int port : new int[]{22, 2375}) {
            t = t.plusSeconds(20 + random.nextInt(30));
            out.accept(new LogLine(LogKind.CLOUDTRAIL, t, CloudTrailRecords.call(t, who, ATTACKER, World.AGENT_CLI,
                    "ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", "us-east-1", g -> {
                        g.writeStringField("groupId", "sg-0123456789abcdef0");
                        g.writeObjectFieldStart("ipPermissions");
                        g.writeArrayFieldStart("items");
                        g.writeStartObject();
                        g.writeStringField("ipProtocol", "tcp");
                        g.writeNumberField("fromPort", port);
                        g.writeNumberField("toPort", port);
                        g.writeObjectFieldStart("ipRanges");
                        g.writeArrayFieldStart("items");
                        g.writeStartObject();
                        g.writeStringField("cidrIp", "0.0.0.0/0");
                        g.writeEndObject();
                        g.writeEndArray();
                        g.writeEndObject();
                        g.writeEndObject();
                        g.writeEndArray();
                        g.writeEndObject();
                    }, null, null, random.nextLong()), ID));
        }
        t = t.plusSeconds(60);
        out.accept(new LogLine(LogKind.CLOUDTRAIL, t, CloudTrailRecords.call(t, who, ATTACKER, World.AGENT_CLI,
                "cloudtrail.amazonaws.com", "StopLogging", "us-east-1",
                g -> g.writeStringField("name", "arn:aws:cloudtrail:us-east-1:" + World.ACCOUNT + ":trail/management"),
                null, null, random.nextLong()), ID));
    }
}
