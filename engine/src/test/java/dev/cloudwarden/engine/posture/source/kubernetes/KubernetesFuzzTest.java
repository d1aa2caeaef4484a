package dev.cloudwarden.engine.posture.source.kubernetes;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.source.GoldenResources;
import dev.cloudwarden.engine.posture.source.SourceTexts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the Kubernetes reader: any bytes give a {@link ParsedConfig} (resources and/or problems), never
 * an exception. Plain test runs replay the seeds in {@code KubernetesFuzzTestInputs/}; to fuzz, run
 * {@code JAZZER_FUZZ=1 mvn -pl engine test -Dtest=KubernetesFuzzTest}.
 */
class KubernetesFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void anyBytesGiveAParsedConfig(byte[] input) {
        ParsedConfig parsed = new KubernetesSource().parse("fuzz.yaml", SourceTexts.decode(input));
        assertThat(parsed).isNotNull();
        for (ConfigResource r : parsed.resources()) {
            assertThat(r.id()).isNotEmpty();
            assertThat(r.location().line()).isPositive();
        }
        parsed.problems().forEach(p -> assertThat(p.reason()).isNotEmpty());
        assertThat(GoldenResources.render(parsed)).isNotEmpty();
    }
}
