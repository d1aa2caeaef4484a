package dev.cloudwarden.engine.posture.source.docker;

import dev.cloudwarden.engine.posture.source.PostureGolden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Golden files: each example under {@code docker/golden/} against its {@code .expected.json}. */
class DockerGoldenTest {
    private static final java.nio.file.Path DIR = PostureGolden.ROOT.resolve("docker/golden");

    @ParameterizedTest
    @ValueSource(strings = {"multistage.Dockerfile", "windows.Dockerfile", "terragoat/Dockerfile"})
    void dockerfiles(String file) {
        PostureGolden.check(new DockerfileSource(), DIR.resolve(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"daemon.json", "docker.service.d/override.conf"})
    void daemonConfigs(String file) {
        PostureGolden.check(new DockerDaemonSource(), DIR.resolve(file));
    }
}
