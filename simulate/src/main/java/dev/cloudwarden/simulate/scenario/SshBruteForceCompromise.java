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
 * The SSH brute force behind two families: M4 GreedyAntd (a Linux miner: after the break-in a cron job kills
 * rival miners, and the host resolves a pool and mines on 5555) and M5 QNAPCrypt (ransomware on a NAS: after the break-in, a burst of encrypting
 * writes shows as heavy traffic from the NAS to its clients' shares).
 */
public final class SshBruteForceCompromise implements Scenario {
    private final String id;
    private final String catalog;
    private final String[] instance;
    private final String attacker;
    private final boolean miner;
    private final String[] users;

    private SshBruteForceCompromise(String id, String catalog, String[] instance, String attacker, boolean miner,
                                    String... users) {
        this.id = id;
        this.catalog = catalog;
        this.instance = instance;
        this.attacker = attacker;
        this.miner = miner;
        this.users = users;
    }

    /** A Linux build server: the dictionary is a generic Linux one. */
    public static SshBruteForceCompromise greedyAntd() {
        return new SshBruteForceCompromise("m4-greedyantd", "M4", World.INSTANCES.get(1), "203.0.113.230", true,
                "root", "ubuntu", "root", "test", "oracle");
    }

    /** A Linux file server run as a NAS: the dictionary is the NAS appliances' default accounts. */
    public static SshBruteForceCompromise qnapCrypt() {
        return new SshBruteForceCompromise("m5-qnapcrypt", "M5", World.INSTANCES.get(5), "203.0.113.240", false,
                "admin", "root", "admin", "support", "admin");
    }

    @Override
    public ScenarioInfo info() {
        return miner
                ? new ScenarioInfo(id, catalog, "GreedyAntd: SSH brute force, then a Linux miner", List.of("T1110", "T1496"))
                : new ScenarioInfo(id, catalog, "QNAPCrypt: SSH brute force on a NAS, then encryption", List.of("T1110", "T1486"));
    }

    @Override
    public void generate(Instant start, Random random, Consumer<LogLine> out) {
        Instant t = start.plusSeconds(1);
        String host = Formats.ec2Hostname(instance[1]);
        for (int i = 0; i < 25; i++) {
            t = t.plusSeconds(1 + random.nextInt(2));
            out.accept(new LogLine(LogKind.SSHD, t, Formats.syslog(t, host, "sshd", 3000 + i, "Failed password for "
                    + users[i % users.length] + " from " + attacker + " port " + (40000 + random.nextInt(20000)) + " ssh2"), id));
        }
        t = t.plusSeconds(2);
        out.accept(new LogLine(LogKind.SSHD, t, Formats.syslog(t, host, "sshd", 3100, "Accepted password for " + users[0] + " from "
                + attacker + " port " + (40000 + random.nextInt(20000)) + " ssh2"), id));
        if (miner) {
            // the Pacha group's cron job clears rival miners off the host every minute
            for (int i = 0; i < 3; i++) {
                Instant c = t.plusSeconds(40 + 60L * i);
                out.accept(new LogLine(LogKind.SSHD, c, Formats.syslog(c, host, "CRON", 4200 + i, "(root) CMD (pkill -9 -f "
                        + "kdevtmpfsi; pkill -9 -f kinsing; pkill -9 -f xmrig; chattr -i /tmp/.antd >/dev/null 2>&1)"), id));
            }
            t = t.plusSeconds(60);
            out.accept(new LogLine(LogKind.ROUTE53, t, Formats.route53(World.ACCOUNT, World.VPC, t, "xmr.pool.minergate.com.", "A",
                    "NOERROR", "192.0.2.220", instance[1], instance[0]), id));
            for (int i = 0; i < 4; i++) {
                Instant f = t.plusSeconds(30 + 60L * i);
                out.accept(new LogLine(LogKind.VPC_FLOW, f, Formats.flow(World.ACCOUNT, instance[2], instance[1], "192.0.2.220",
                        45000 + random.nextInt(1000), 5555, 6, 1200, 510_000, f, true), id));
            }
        } else {
            for (int i = 0; i < 4; i++) {
                Instant f = t.plusSeconds(120 + 60L * i);
                out.accept(new LogLine(LogKind.VPC_FLOW, f, Formats.flow(World.ACCOUNT, instance[2], instance[1], "10.0.1." + (40 + i),
                        445, 50000 + random.nextInt(1000), 6, 700_000, 980_000_000L, f, true), id));
            }
        }
    }
}
