package dev.cloudwarden.simulate.scenario;

import dev.cloudwarden.simulate.write.Formats;
import dev.cloudwarden.simulate.write.LogKind;
import dev.cloudwarden.simulate.write.LogLine;
import dev.cloudwarden.simulate.write.ScenarioInfo;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * M1 DemonBot: the unauthenticated YARN REST API (as user dr.who) takes an application from outside, which
 * downloads the bot; the node then floods one target with UDP.
 */
public final class DemonBotYarn implements Scenario {
    static final String ID = "m1-demonbot-yarn";
    private static final String ATTACKER = "203.0.113.120";
    private static final String VICTIM = "192.0.2.50";

    @Override
    public ScenarioInfo info() {
        return new ScenarioInfo(ID, "M1", "DemonBot through the unauthenticated YARN API, then a UDP flood",
                List.of("T1190", "T1498"));
    }

    @Override
    public void generate(Instant start, Random random, Consumer<LogLine> out) {
        Instant t = start.plusSeconds(1);
        String app = "application_1700000000000_" + (4000 + random.nextInt(999));
        out.accept(new LogLine(LogKind.YARN, t, Formats.yarnAudit(t, "INFO", "USER=dr.who\tIP=" + ATTACKER
                + "\tOPERATION=Get New Application ID\tTARGET=ClientRMService\tRESULT=SUCCESS"), ID));
        t = t.plusSeconds(1);
        out.accept(new LogLine(LogKind.YARN, t, Formats.yarnAudit(t, "INFO", "USER=dr.who\tIP=" + ATTACKER
                + "\tOPERATION=Submit Application Request\tTARGET=ClientRMService\tRESULT=SUCCESS\tAPPID=" + app
                + "\tQUEUENAME=default"), ID));
        String[] node = World.INSTANCES.get(3);
        for (int i = 0; i < 5; i++) {
            Instant f = t.plusSeconds(90 + 60L * i);
            out.accept(new LogLine(LogKind.VPC_FLOW, f, Formats.flow(World.ACCOUNT, node[2], node[1], VICTIM,
                    30000 + random.nextInt(30000), 80, 17, 480_000 + random.nextInt(20_000), 680_000_000L, f, true), ID));
        }
    }
}
