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
 * A6: a compromised instance sprays SSH at its neighbours: flows from it to many hosts on port 22, and on the
 * bastion's auth.log a burst of failed passwords for common users from that internal address.
 */
public final class SshLateralMovement implements Scenario {
    static final String ID = "a6-ssh-lateral-movement";

    @Override
    public ScenarioInfo info() {
        return new ScenarioInfo(ID, "A6", "SSH brute force from one of our own instances", List.of("T1021.004", "T1110"));
    }

    @Override
    public void generate(Instant start, Random random, Consumer<LogLine> out) {
        String[] source = World.INSTANCES.get(1);
        Instant t = start.plusSeconds(1);
        for (int host = 1; host <= 24; host++) {
            t = t.plusMillis(200 + random.nextInt(300));
            out.accept(new LogLine(LogKind.VPC_FLOW, t, Formats.flow(World.ACCOUNT, source[2], source[1], "10.0.9." + host,
                    40000 + random.nextInt(20000), 22, 6, 4, 240, t, true), ID));
        }
        String[] users = {"root", "admin", "ubuntu", "test", "oracle", "postgres", "git", "user"};
        for (int i = 0; i < 16; i++) {
            t = t.plusSeconds(1 + random.nextInt(3));
            String user = users[i % users.length];
            out.accept(new LogLine(LogKind.SSHD, t, Formats.syslog(t, "bastion", "sshd", 20000 + i,
                    (i % 3 == 0 ? "Failed password for invalid user " : "Failed password for ") + user + " from "
                            + source[1] + " port " + (40000 + random.nextInt(20000)) + " ssh2"), ID));
        }
    }
}
