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
 * A4: the account becomes a host for tech-support scams: a burst of new hosted zones and a public executable
 * uploaded by a principal that never touched DNS or that bucket before, then the shop's web server (behind its
 * load balancer) serving the new scam sites to their first victims.
 */
public final class ScamHosting implements Scenario {
    static final String ID = "a4-scam-hosting";
    private static final String ATTACKER = "203.0.113.60";

    @Override
    public ScenarioInfo info() {
        return new ScenarioInfo(ID, "A4", "Scam sites: hosted zone burst and public malware upload", List.of("T1583.001", "T1608.001"));
    }

    @Override
    public void generate(Instant start, Random random, Consumer<LogLine> out) {
        Identity who = Identity.user(World.ACCOUNT, "frank", "AKIASTOLENFRANKKEY01");
        Instant t = start.plusSeconds(1);
        for (int i = 0; i < 15; i++) {
            t = t.plusSeconds(4 + random.nextInt(6));
            String zone = "windows-support-" + (100 + i) + ".example";
            out.accept(new LogLine(LogKind.CLOUDTRAIL, t, CloudTrailRecords.call(t, who, ATTACKER, World.AGENT_CLI,
                    "route53.amazonaws.com", "CreateHostedZone", "us-east-1", g -> {
                        g.writeStringField("name", zone);
                        g.writeStringField("callerReference", Integer.toHexString(zone.hashCode()));
                    }, null, null, random.nextLong()), ID));
        }
        t = t.plusSeconds(30);
        out.accept(new LogLine(LogKind.CLOUDTRAIL, t, CloudTrailRecords.call(t, who, ATTACKER, World.AGENT_CLI,
                "s3.amazonaws.com", "PutObject", "us-east-1", g -> {
                    g.writeStringField("bucketName", "acme-web-assets");
                    g.writeStringField("key", "downloads/WindowsDefenderUpdate.exe");
                    g.writeStringField("x-amz-acl", "public-read");
                }, null, null, random.nextLong()), ID));
        // The operator checks each new site from his own address, then the first victims arrive.
        String target = World.INSTANCES.get(0)[1] + ":80";
        for (int i = 0; i < 15; i++) {
            String site = "windows-support-" + (100 + i) + ".example";
            for (int hit = 0; hit < 3; hit++) {
                Instant h = t.plusSeconds(60 + 20L * i + 5L * hit + random.nextInt(5));
                String client = hit == 0 ? ATTACKER : "198.18." + random.nextInt(256) + "." + (1 + random.nextInt(254));
                out.accept(new LogLine(LogKind.ALB, h, Formats.alb(h, client + ":" + (40000 + random.nextInt(20000)), target,
                        "GET", site, hit == 0 ? "/" : "/call-support.html", 200, 8_000 + random.nextInt(4_000),
                        World.AGENT_BROWSER), ID));
            }
        }
    }
}
