package dev.cloudwarden.engine.posture.source.terraform;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cloudwarden.engine.posture.model.Attributes;
import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.source.ConfigFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the HCL parser and the module evaluator (and the plan reader): any bytes give a
 * {@link ParsedConfig}, never an exception, and quickly. Plain test runs replay the seed corpus in
 * {@code TerraformFuzzTestInputs/}; to fuzz, run {@code JAZZER_FUZZ=1 mvn -pl engine test -Dtest=TerraformFuzzTest}.
 */
class TerraformFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyBytesGiveResourcesOrProblems(byte[] input) {
        Path dir;
        try {
            dir = Files.createTempDirectory("tf-fuzz");
            Path tf = Files.write(dir.resolve("main.tf"), input);
            Path json = Files.write(dir.resolve("plan.json"), input);
            long start = System.nanoTime();
            ParsedConfig c = new TerraformSource().parse(List.of(new ConfigFile(tf, "main.tf")));
            ParsedConfig plan = new TerraformPlanSource().parse(new ConfigFile(json, "plan.json"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as("time to read %d bytes", input.length).isLessThan(10_000);
            for (ConfigResource r : c.resources()) {
                // Whatever was read must be plain data that checks can walk.
                assertThat(Attributes.freeze(r.attributes())).isEqualTo(r.attributes());
                assertThat(r.location().line()).isPositive();
            }
            assertThat(c.problems()).noneMatch(p -> p.reason().startsWith("cannot evaluate the module"));
            assertThat(plan).isNotNull();
            Files.delete(tf);
            Files.delete(json);
            Files.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
