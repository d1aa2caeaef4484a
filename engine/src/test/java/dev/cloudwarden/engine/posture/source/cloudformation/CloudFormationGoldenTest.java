package dev.cloudwarden.engine.posture.source.cloudformation;

import dev.cloudwarden.engine.posture.source.ConfigFile;
import dev.cloudwarden.engine.posture.source.GoldenResources;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Copied Checkov examples (see {@code golden/SOURCE.md}) and the resources they must give, as JSON. */
class CloudFormationGoldenTest {
    @TestFactory
    Stream<DynamicTest> eachInputGivesItsExpectedResources() throws IOException {
        Path folder = GoldenResources.folder(getClass()).resolve("golden");
        List<Path> inputs;
        try (Stream<Path> files = Files.list(folder)) {
            inputs = files.filter(p -> !p.getFileName().toString().endsWith(".expected.json")
                    && !p.getFileName().toString().equals("SOURCE.md")).sorted().toList();
        }
        return inputs.stream().map(input -> DynamicTest.dynamicTest(input.getFileName().toString(), () ->
                GoldenResources.assertGolden(new CloudFormationSource().parse(new ConfigFile(input, input.getFileName().toString())),
                        input.resolveSibling(input.getFileName() + ".expected.json"))));
    }
}
