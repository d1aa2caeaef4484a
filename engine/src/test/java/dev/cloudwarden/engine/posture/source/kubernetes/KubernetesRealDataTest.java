package dev.cloudwarden.engine.posture.source.kubernetes;

import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.source.CheckovExamples;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Checkov's Kubernetes examples: every id its tests expect is among the objects parsed from the case's files. */
class KubernetesRealDataTest {
    private final KubernetesSource source = new KubernetesSource();

    @Test
    void everyExpectedIdIsParsed() {
        var coverage = CheckovExamples.coverage(CheckovExamples.cases("kubernetes"),
                p -> source.parse(CheckovExamples.file(p)));
        System.out.println("Kubernetes: " + coverage.summary());
        coverage.missed().forEach((k, v) -> System.out.println("  missed " + k + " " + v));
        assertThat(coverage.missed()).isEmpty();
    }

    /** Example files that give no object, on purpose, and why. */
    private static final Map<String, String> NO_OBJECTS = Map.of(
            "example_TillerDeploymentListener/nginx-deployment-UNKNOWN.yaml",
            "a bare 'items:' list without apiVersion/kind: not a Kubernetes object (Checkov skips it too)");

    @Test
    void everyExampleFileIsAcceptedFromItsHead() throws java.io.IOException {
        assertThat(CheckovExamples.refusedByHead(source, "tests/kubernetes", Set.of("json", "yaml", "yml"))).isEmpty();
    }

    @Test
    void cloudFormationAndArmExamplesAreNotManifests() throws java.io.IOException {
        List<String> wronglyAccepted = new java.util.ArrayList<>();
        for (String folder : List.of("tests/cloudformation", "tests/arm")) {
            for (Path f : CheckovExamples.exampleFiles(folder, Set.of("json", "yaml", "yml"))) {
                byte[] bytes = java.nio.file.Files.readAllBytes(f);
                String head = new String(bytes, 0, Math.min(bytes.length, 8192),
                        java.nio.charset.StandardCharsets.UTF_8);
                if (source.accepts(f, head)) {
                    wronglyAccepted.add(f.toString());
                }
            }
        }
        assertThat(wronglyAccepted).isEmpty();
    }

    @Test
    void cloudGoatAndTerraGoatFilesItAcceptsParseWithoutProblems() {
        assertThat(CheckovExamples.goatProblems(source, "Kubernetes")).isEmpty();
    }

    @Test
    void everyExampleFileParsesWithoutProblems() {
        List<Path> files = CheckovExamples.exampleFiles("tests/kubernetes", Set.of("json", "yaml", "yml"));
        Map<String, Object> problems = new TreeMap<>();
        int resources = 0;
        int accepted = 0;
        for (Path f : files) {
            ParsedConfig p = source.parse(CheckovExamples.file(f));
            resources += p.resources().size();
            if (!p.problems().isEmpty()) {
                problems.put(f.toString(), p.problems());
            } else if (p.resources().isEmpty() && NO_OBJECTS.keySet().stream().noneMatch(f::endsWith)) {
                problems.put(f.toString(), "no resources");
            }
        }
        System.out.println("Kubernetes: " + files.size() + " example files, " + resources + " objects, "
                + problems.size() + " with problems");
        problems.forEach((k, v) -> System.out.println("  " + k + ": " + v));
        assertThat(problems).isEmpty();
    }
}
