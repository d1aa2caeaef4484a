package dev.cloudwarden.engine.posture.source.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.model.ParsedConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.cloudwarden.engine.posture.source.terraform.TerraformTestSupport.configDatasets;
import static dev.cloudwarden.engine.posture.source.terraform.TerraformTestSupport.scan;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real datasets: every Terraform file of TerraGoat and CloudGoat reads without a problem, and every resource id
 * Checkov's own unit tests expect from its example folders is among the resources read from that folder.
 */
class TerraformRealDataTest {

    /**
     * Ids Checkov's tests expect that no reader of these folders can give: the example's module
     * ({@code module "s3_module"}) lives in a folder that was not copied into the dataset.
     */
    private static final Map<String, String> EXPLAINED_MISSES = Map.of(
            "module.s3_module[\"a\"].aws_instance.poc_modules_foreach[\"key1\"]", "module source folder not in the dataset",
            "module.s3_module[\"a\"].aws_instance.poc_modules_foreach[\"key2\"]", "module source folder not in the dataset",
            "module.s3_module[\"b\"].aws_instance.poc_modules_foreach[\"key1\"]", "module source folder not in the dataset",
            "module.s3_module[\"b\"].aws_instance.poc_modules_foreach[\"key2\"]", "module source folder not in the dataset");

    @Test
    void terraGoatReadsWithoutProblems() throws IOException {
        Path root = configDatasets().resolve("terragoat/terraform");
        ParsedConfig c = scan(root);
        long files = countTf(root);
        System.out.printf("TerraGoat: %d .tf files, %d resources, %d problems%n", files, c.resources().size(),
                c.problems().size());
        assertThat(c.problems()).isEmpty();
        assertThat(files).isGreaterThanOrEqualTo(40);
        assertThat(c.resources().size()).isGreaterThan(140);
        assertThat(c.resources()).extracting(ConfigResource::id).contains("aws_s3_bucket.data");
    }

    @Test
    void cloudGoatReadsWithoutProblems() throws IOException {
        Path root = configDatasets().resolve("cloudgoat");
        ParsedConfig c = scan(root);
        long files = countTf(root);
        System.out.printf("CloudGoat: %d .tf files, %d resources, %d problems%n", files, c.resources().size(),
                c.problems().size());
        assertThat(c.problems()).isEmpty();
        assertThat(files).isGreaterThanOrEqualTo(250);
        assertThat(c.resources().size()).isGreaterThan(400);
    }

    @Test
    void everyIdCheckovExpectsIsRead() throws IOException {
        Path checkov = configDatasets().resolve("checkov");
        Map<String, Set<String>> idsByFolder = new HashMap<>();
        int expected = 0;
        int found = 0;
        List<String> misses = new ArrayList<>();
        int problems = 0;
        for (String line : Files.readAllLines(checkov.resolve("expected_results.jsonl"))) {
            JsonNode r = Json.MAPPER.readTree(line);
            if (!r.path("framework").asText().startsWith("terraform")) {
                continue;
            }
            String dir = r.path("example_dir").asText();
            if (!idsByFolder.containsKey(dir)) {
                ParsedConfig c = scan(checkov.resolve(dir));
                problems += c.problems().size();
                assertThat(c.problems()).as(dir).isEmpty();
                idsByFolder.put(dir, c.resources().stream().map(ConfigResource::id).collect(Collectors.toSet()));
            }
            List<String> ids = new ArrayList<>();
            r.path("passing_resources").forEach(x -> ids.add(x.asText()));
            r.path("failing_resources").forEach(x -> ids.add(x.asText()));
            r.path("expected").path("pass").forEach(x -> ids.add(x.asText()));
            r.path("expected").path("fail").forEach(x -> ids.add(x.asText()));
            for (String id : ids) {
                expected++;
                if (idsByFolder.get(dir).contains(id)) {
                    found++;
                } else {
                    misses.add(dir + ": " + id);
                }
            }
        }
        System.out.printf("Checkov examples: %d of %d expected ids found in %d folders, %d problems; misses %s%n",
                found, expected, idsByFolder.size(), problems, misses);
        assertThat(expected).isGreaterThan(1000);
        assertThat(misses).allSatisfy(m -> assertThat(EXPLAINED_MISSES).containsKey(m.substring(m.indexOf(": ") + 2)));
    }

    private static long countTf(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".tf")).count();
        }
    }
}
