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
 * T2: brute force of a console password from one outside address — a run of failed ConsoleLogin calls,
 * then a success without MFA, then the attacker looking around and creating a key for persistence.
 */
public final class ConsoleBruteForce implements Scenario {
    public static final String ID = "t2-console-brute-force";
    private static final String ATTACKER = "203.0.113.66";

    @Override
    public ScenarioInfo info() {
        return new ScenarioInfo(ID, "T2", "Console password brute force, then access", List.of("T1110", "T1078.004"));
    }

    @Override
    public void generate(Instant start, Random random, Consumer<LogLine> out) {
        Identity victim = Identity.user(World.ACCOUNT, "dave", null);
        String agent = "Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0";
        Instant t = start;
        int failures = 12 + random.nextInt(10);
        for (int i = 0; i < failures; i++) {
            t = t.plusSeconds(2 + random.nextInt(6));
            out.accept(new LogLine(LogKind.CLOUDTRAIL, t,
                    CloudTrailRecords.consoleLogin(t, victim, ATTACKER, agent, false, false, random.nextLong()), ID));
        }
        t = t.plusSeconds(5);
        out.accept(new LogLine(LogKind.CLOUDTRAIL, t,
                CloudTrailRecords.consoleLogin(t, victim, ATTACKER, agent, true, false, random.nextLong()), ID));
        Identity session = Identity.user(World.ACCOUNT, "dave", "ASIAATTACKERSESSION1");
        for (String[] call : new String[][]{{"iam.amazonaws.com", "ListUsers"}, {"s3.amazonaws.com", "ListBuckets"},
                {"ec2.amazonaws.com", "DescribeInstances"}}) {
            t = t.plusSeconds(10 + random.nextInt(20));
            out.accept(new LogLine(LogKind.CLOUDTRAIL, t, CloudTrailRecords.call(t, session, ATTACKER, agent, call[0], call[1],
                    "us-east-1", null, null, null, random.nextLong()), ID));
        }
        t = t.plusSeconds(30);
        out.accept(new LogLine(LogKind.CLOUDTRAIL, t, CloudTrailRecords.call(t, session, ATTACKER, agent, "iam.amazonaws.com",
                "CreateAccessKey", "us-east-1", g -> g.writeStringField("userName", "dave"), null, null, random.nextLong()), ID));
    }
}
