package dev.cloudwarden.engine.posture.source.aws;

import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import dev.cloudwarden.engine.posture.source.ConfigFile;
import dev.cloudwarden.engine.posture.source.PlainJson;
import dev.cloudwarden.engine.posture.source.PostureGolden;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every test resource of Panther's AWS policies (panther-analysis, policies/**: {policy_id, resource_types,
 * expected_result, resource}) mapped onto the normalised types: by the policy's resource type, as Panther's scanner
 * tags each resource; by shape alone, as a file of untagged resources is read; and through the source itself.
 */
class PantherDatasetTest {
    @TempDir
    Path tmp;

    record Case(String file, String policy, List<String> types, Map<String, Object> resource) {
    }

    private static List<Case> cases() throws IOException {
        Path dir = PostureGolden.dataset("panther-policies/by-resourcetype");
        Assumptions.assumeTrue(dir != null, "Panther dataset not present under /work/shared/datasets/config");
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> record = (Map<String, Object>) new PlainJson().readOne(line, 1);
                    @SuppressWarnings("unchecked")
                    List<String> types = (List<String>) record.get("resource_types");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> resource = (Map<String, Object>) record.get("resource");
                    cases.add(new Case(f.getFileName().toString(), (String) record.get("policy_id"), types, resource));
                }
            }
        }
        return cases;
    }

    @Test
    void everyPantherTypeMapsToANormalisedType() throws IOException {
        List<Case> cases = cases();
        TreeSet<String> pantherTypes = new TreeSet<>();
        cases.forEach(c -> pantherTypes.addAll(c.types()));
        TreeSet<String> unmapped = new TreeSet<>(pantherTypes);
        unmapped.removeAll(AwsType.PANTHER.keySet());
        System.out.printf("Panther: %d test resources, %d resource types, unmapped: %s%n", cases.size(),
                pantherTypes.size(), unmapped);
        assertThat(unmapped).isEmpty();
    }

    @Test
    void everyResourceMapsWithItsPolicyTypeAndMostByShapeAlone() throws IOException {
        List<Case> cases = cases();
        int byHint = 0;
        int byShape = 0;
        Map<String, String> misses = new TreeMap<>();
        for (Case c : cases) {
            String hinted = PantherResources.typeOf(c.resource(), c.types().get(0));
            if (hinted != null) {
                byHint++;
            }
            String shaped = PantherResources.typeOf(c.resource(), null);
            List<String> expected = c.types().stream().map(t -> AwsType.PANTHER.get(t).name()).toList();
            if (shaped != null && expected.contains(shaped)) {
                byShape++;
            } else {
                misses.put(c.file() + " " + c.policy() + " #" + misses.size(), String.valueOf(shaped));
            }
        }
        System.out.printf("Panther: %d/%d map with the policy's type, %d/%d to the policy's type by shape alone%n",
                byHint, cases.size(), byShape, cases.size());
        misses.forEach((k, v) -> System.out.println("  by shape: " + k + " -> " + v));
        assertThat(byHint).isEqualTo(cases.size());
        assertThat(byShape).isGreaterThanOrEqualTo(cases.size() * 9 / 10);
    }

    @Test
    void theSourceReadsAFileOfAllTheResources() throws IOException {
        List<Case> cases = cases();
        StringBuilder jsonl = new StringBuilder();
        for (Case c : cases) {
            jsonl.append(dev.cloudwarden.engine.event.Json.MAPPER.writeValueAsString(c.resource())).append('\n');
        }
        Path file = tmp.resolve("panther.jsonl");
        Files.writeString(file, jsonl);
        AwsSnapshotSource source = new AwsSnapshotSource();
        assertThat(source.accepts(file, jsonl.substring(0, 4096))).isTrue();
        ParsedConfig parsed = source.parse(new ConfigFile(file, "panther.jsonl"));
        TreeMap<String, Integer> byType = new TreeMap<>();
        for (ConfigResource r : parsed.resources()) {
            byType.merge(r.type(), 1, Integer::sum);
            assertThat(r.id()).isEqualTo(r.type() + "." + r.name());
            assertThat(r.location().line()).isPositive();
        }
        System.out.printf("Panther file: %d resources in %d types, %d problems: %s%n", parsed.resources().size(),
                byType.size(), parsed.problems().size(), byType);
        parsed.problems().forEach(p -> System.out.println("  " + p));
        assertThat(parsed.resources().size() + parsed.problems().size()).isEqualTo(cases.size());
        assertThat(parsed.problems()).isEmpty();
    }
}
