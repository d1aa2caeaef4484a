package dev.cloudwarden.engine.posture.source.cloudformation;

import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.source.CheckovExamples;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Checkov's CloudFormation examples: every id its tests expect is among the resources parsed from the case's files. */
class CloudFormationRealDataTest {
    private final CloudFormationSource source = new CloudFormationSource();

    @Test
    void everyExpectedIdIsParsed() {
        var coverage = CheckovExamples.coverage(CheckovExamples.cases("cloudformation"),
                p -> source.parse(CheckovExamples.file(p)));
        System.out.println("CloudFormation: " + coverage.summary());
        coverage.missed().forEach((k, v) -> System.out.println("  missed " + k + " " + v));
        assertThat(coverage.missed()).isEmpty();
    }

    @Test
    void everyExampleFileIsAcceptedFromItsHead() throws java.io.IOException {
        assertThat(CheckovExamples.refusedByHead(source, "tests/cloudformation", Set.of("json", "yaml", "yml"))).isEmpty();
    }

    @Test
    void cloudGoatAndTerraGoatFilesItAcceptsParseWithoutProblems() {
        assertThat(CheckovExamples.goatProblems(source, "CloudFormation")).isEmpty();
    }

    @Test
    void everyExampleFileParsesWithoutProblems() {
        List<Path> files = CheckovExamples.exampleFiles("tests/cloudformation", Set.of("json", "yaml", "yml"));
        Map<String, Object> problems = new TreeMap<>();
        int resources = 0;
        int unknowns = 0;
        for (Path f : files) {
            ParsedConfig p = source.parse(CheckovExamples.file(f));
            resources += p.resources().size();
            unknowns += (int) p.resources().stream()
                    .filter(r -> dev.cloudwarden.engine.posture.model.Attributes.containsUnknown(r.attributes()))
                    .count();
            if (!p.problems().isEmpty()) {
                problems.put(f.toString(), p.problems());
            }
            if (p.resources().isEmpty()) {
                problems.put(f.toString(), "no resources");
            }
        }
        System.out.println("CloudFormation: " + files.size() + " example files, " + resources + " resources, "
                + unknowns + " with an unknown attribute, " + problems.size() + " with problems");
        problems.forEach((k, v) -> System.out.println("  " + k + ": " + v));
        assertThat(problems).isEmpty();
    }
}
