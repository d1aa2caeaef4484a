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
 * M6 RokRat / Karae (ITG10): a server that never used cloud storage starts resolving a storage API and
 * talking to it at a regular beacon interval, the payload's hard-coded C2 channel.
 */
public final class CloudStorageC2 implements Scenario {
    static final String ID = "m6-cloud-storage-c2";
    private static final String STORAGE_IP = "192.0.2.150";

    @Override
    public ScenarioInfo info() {
        return new ScenarioInfo(ID, "M6", "RokRat-style C2 over a cloud storage API, beaconing", List.of("T1102.002", "T1567.002"));
    }

    @Override
    public void generate(Instant start, Random random, Consumer<LogLine> out) {
        String[] host = World.INSTANCES.get(2);
        Instant t = start.plusSeconds(1);
        for (int i = 0; i < 8; i++) {
            Instant beacon = t.plusSeconds(300L * i + random.nextInt(3)); // every five minutes, give or take
            out.accept(new LogLine(LogKind.ROUTE53, beacon, Formats.route53(World.ACCOUNT, World.VPC, beacon,
                    "api.pcloud.com.", "A", "NOERROR", STORAGE_IP, host[1], host[0]), ID));
            out.accept(new LogLine(LogKind.VPC_FLOW, beacon.plusSeconds(1), Formats.flow(World.ACCOUNT, host[2], host[1],
                    STORAGE_IP, 50000 + random.nextInt(10000), 443, 6, 12, 4_800 + random.nextInt(400), beacon.plusSeconds(1), true), ID));
        }
    }
}
