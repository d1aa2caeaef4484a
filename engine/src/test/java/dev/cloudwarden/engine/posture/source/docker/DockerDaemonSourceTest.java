package dev.cloudwarden.engine.posture.source.docker;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.Framework;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.model.Unknown;
import dev.cloudwarden.engine.posture.source.PostureGolden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DockerDaemonSourceTest {
    @TempDir
    Path dir;

    private final DockerDaemonSource source = new DockerDaemonSource();

    @Test
    void acceptsDaemonJsonAndDockerSystemdUnits() {
        assertThat(source.accepts(Path.of("etc/docker/daemon.json"), "{\"hosts\": []}")).isTrue();
        assertThat(source.accepts(Path.of("etc/docker/daemon.json"), "[1]")).isFalse();
        assertThat(source.accepts(Path.of("other.json"), "{}")).isFalse();
        assertThat(source.accepts(Path.of("docker.service.d/override.conf"), "ExecStart=/usr/bin/dockerd")).isTrue();
        assertThat(source.accepts(Path.of("system/docker.service"), "ExecStart=/usr/bin/dockerd -H fd://")).isTrue();
        assertThat(source.accepts(Path.of("nginx.service.d/override.conf"), "ExecStart=/usr/bin/dockerd")).isFalse();
        assertThat(source.accepts(Path.of("docker.service.d/env.conf"), "[Service]\nEnvironment=A=b")).isFalse();
    }

    @Test
    void daemonJsonIsItsAttributesAsWritten() {
        ParsedConfig parsed = PostureGolden.parseText(source, dir, "daemon.json", """
                {
                  "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"],
                  "tls": false,
                  "icc": true,
                  "log-opts": {"max-size": "10m"}
                }
                """);
        ConfigResource r = parsed.resources().get(0);
        assertThat(r.framework()).isEqualTo(Framework.DOCKER_DAEMON);
        assertThat(r.type()).isEqualTo("daemon.json");
        assertThat(r.id()).isEqualTo("daemon.json.daemon.json");
        assertThat(r.attributes()).containsEntry("hosts", List.of("unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"))
                .containsEntry("tls", false).containsEntry("log-opts", Map.of("max-size", "10m"));
        assertThat(r.location().endLine()).isEqualTo(6);
    }

    @Test
    void badJsonIsAProblemWithItsLine() {
        ParsedConfig parsed = PostureGolden.parseText(source, dir, "daemon.json", "{\n \"hosts\": [\n}");
        assertThat(parsed.resources()).isEmpty();
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isEqualTo(3);
            assertThat(p.reason()).startsWith("not valid JSON");
        });
        assertThat(PostureGolden.parseText(source, dir, "daemon.json", "[]").problems()).singleElement()
                .hasToString("daemon.json:1: daemon.json must be one JSON object");
    }

    @Test
    void aSystemdDropInGivesTheSameKeys() {
        ParsedConfig parsed = PostureGolden.parseText(source, dir, "docker.service.d/override.conf", """
                [Service]
                ExecStart=
                # the packaged command is replaced
                ExecStart=/usr/bin/dockerd -H fd:// \\
                    -H tcp://0.0.0.0:2375 --tlsverify=false --icc=false --log-opt max-size=10m \\
                    --insecure-registry=registry.local:5000 --userns-remap default
                """);
        ConfigResource r = parsed.resources().get(0);
        assertThat(r.type()).isEqualTo("daemon.json");
        assertThat(r.attributes()).containsEntry("hosts", List.of("fd://", "tcp://0.0.0.0:2375"))
                .containsEntry("tlsverify", false).containsEntry("icc", false)
                .containsEntry("log-opts", Map.of("max-size", "10m"))
                .containsEntry("insecure-registries", List.of("registry.local:5000"))
                .containsEntry("userns-remap", "default").containsEntry("_source", "systemd");
        assertThat(r.location().line()).isEqualTo(4);
        assertThat(r.location().endLine()).isEqualTo(6);
    }

    @Test
    void anEmptyExecStartClearsTheEarlierOne() {
        ParsedConfig parsed = PostureGolden.parseText(source, dir, "docker.service.d/x.conf",
                "[Service]\nExecStart=/usr/bin/dockerd -H tcp://0.0.0.0:2375\nExecStart=\n");
        assertThat(parsed.resources()).isEmpty();
    }

    @Test
    void variablesMakeTheUnseenSecurityKeysUnknown() {
        ParsedConfig parsed = PostureGolden.parseText(source, dir, "docker.service",
                "[Service]\nExecStart=/usr/bin/dockerd -H fd:// $DOCKER_OPTS\n");
        ConfigResource r = parsed.resources().get(0);
        assertThat(r.attributes().get("tls")).isEqualTo(Unknown.of("$DOCKER_OPTS"));
        assertThat(r.attributes().get("hosts")).isEqualTo(List.of("fd://", Unknown.of("$DOCKER_OPTS")));
    }

    @Test
    void shortFlagsAndTheOldDockerDaemonForm() {
        assertThat(DockerdFlags.toDaemonJson(List.of("-Htcp://0.0.0.0:2376", "-D", "--tls")))
                .containsEntry("hosts", List.of("tcp://0.0.0.0:2376")).containsEntry("debug", true)
                .containsEntry("tls", true);
        assertThat(SystemdExecStart.last("ExecStart=-/usr/bin/docker daemon -H 'tcp://0.0.0.0:2375'").words())
                .containsExactly("-H", "tcp://0.0.0.0:2375");
    }
}
