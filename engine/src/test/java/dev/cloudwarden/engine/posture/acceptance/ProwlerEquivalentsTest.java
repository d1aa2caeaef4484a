package dev.cloudwarden.engine.posture.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.posture.check.BuiltInChecks;
import dev.cloudwarden.engine.posture.check.Check;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every Prowler id a check names as its equivalent is a check Prowler has (its metadata in ../shared/datasets). */
class ProwlerEquivalentsTest {
    @Test
    void everyProwlerEquivalentExists() throws Exception {
        Path metadata = CheckovAgreementTest.dataset("prowler").resolve("checks_metadata.jsonl");
        Assumptions.assumeTrue(Files.exists(metadata), "Prowler's check metadata is not here (" + metadata + ")");
        Set<String> prowler = new HashSet<>();
        for (String line : Files.readAllLines(metadata)) {
            JsonNode n = Json.MAPPER.readTree(line);
            prowler.add(n.path("metadata").path("CheckID").asText());
        }
        List<String> unknown = new ArrayList<>();
        for (Check c : BuiltInChecks.all()) {
            for (String id : c.equivalents().getOrDefault("prowler", List.of())) {
                if (!prowler.contains(id)) {
                    unknown.add(c.id() + " -> " + id);
                }
            }
        }
        assertThat(prowler).hasSizeGreaterThan(500);
        assertThat(unknown).as("Prowler ids that Prowler does not have").isEmpty();
    }
}
