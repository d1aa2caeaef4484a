package dev.cloudwarden.engine.posture.source.arm;

import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.source.CheckovExamples;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Checkov's ARM examples: every id its tests expect is among the resources parsed from the case's files. */
class ArmRealDataTest {
    private final ArmSource source = new ArmSource();

    @Test
    void everyExpectedIdIsParsed() {
        var coverage = CheckovExamples.coverage(CheckovExamples.cases("arm"),
                p -> source.parse(CheckovExamples.file(p)));
        System.out.println("ARM: " + coverage.summary());
        coverage.missed().forEach((k, v) -> System.out.println("  missed " + k + " " + v));
        assertThat(coverage.missed()).isEmpty();
    }

    /** Example files with a problem on purpose (or by the example's own mistake), and why. */
    private static final Map<String, String> EXPECTED_PROBLEMS = Map.of(
            "example_StorageAccountAzureServicesAccessEnabled/storageAccountAzureServicesAccessEnabled-FAILED2.json",
            "a nested 'TXT' record set without a name (ARM requires one; Checkov drops it silently)");

    @Test
    void everyExampleFileIsAcceptedFromItsHead() throws java.io.IOException {
        assertThat(CheckovExamples.refusedByHead(source, "tests/arm", Set.of("json"))).isEmpty();
    }

    @Test
    void cloudGoatAndTerraGoatFilesItAcceptsParseWithoutProblems() {
        assertThat(CheckovExamples.goatProblems(source, "ARM")).isEmpty();
    }

    @Test
    void everyExampleFileParsesWithoutProblems() {
        List<Path> files = CheckovExamples.exampleFiles("tests/arm", Set.of("json"));
        Map<String, Object> problems = new TreeMap<>();
        int resources = 0;
        int unknowns = 0;
        for (Path f : files) {
            ParsedConfig p = source.parse(CheckovExamples.file(f));
            resources += p.resources().size();
            unknowns += (int) p.resources().stream()
                    .filter(r -> dev.cloudwarden.engine.posture.model.Attributes.containsUnknown(r.attributes()))
                    .count();
            boolean expected = EXPECTED_PROBLEMS.keySet().stream().anyMatch(f::endsWith);
            assertThat(p.problems().isEmpty()).as(f + " problems " + p.problems()).isNotEqualTo(expected);
            if (!p.problems().isEmpty() && !expected) {
                problems.put(f.toString(), p.problems());
            }
            if (p.resources().isEmpty()) {
                problems.put(f.toString(), "no resources");
            }
        }
        System.out.println("ARM: " + files.size() + " example files, " + resources + " resources, "
                + unknowns + " with an unknown attribute, " + problems.size() + " with problems");
        problems.forEach((k, v) -> System.out.println("  " + k + ": " + v));
        assertThat(problems).isEmpty();
    }
}
