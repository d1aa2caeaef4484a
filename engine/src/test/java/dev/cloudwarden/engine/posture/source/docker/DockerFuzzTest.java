package dev.cloudwarden.engine.posture.source.docker;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cloudwarden.engine.posture.source.FuzzParse;

/**
 * Coverage-guided fuzzing of the Docker parsers; plain runs replay {@code DockerFuzzTestInputs/}. To fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl engine test -Dtest=DockerFuzzTest}.
 */
class DockerFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void anyDockerfileGivesAParsedConfig(byte[] input) {
        FuzzParse.parse(new DockerfileSource(), "Dockerfile", input);
    }

    @FuzzTest(maxDuration = "30s")
    void anyDaemonJsonGivesAParsedConfig(byte[] input) {
        FuzzParse.parse(new DockerDaemonSource(), "daemon.json", input);
    }

    @FuzzTest(maxDuration = "30s")
    void anySystemdUnitGivesAParsedConfig(byte[] input) {
        FuzzParse.parse(new DockerDaemonSource(), "docker.service.d/override.conf", input);
    }
}
