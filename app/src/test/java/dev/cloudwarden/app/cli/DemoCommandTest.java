package dev.cloudwarden.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.SourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTest {

    @Test
    void theDemoReadsASampleOfEverySourceWithoutRejectingAnything(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("demo", "--out", dir.toString(), "--format", "json");
        assertThat(run.err()).contains("0 lines rejected");
        assertThat(run.exitCode()).isZero();
        Set<String> sources = new TreeSet<>();
        for (String line : run.out().lines().toList()) {
            JsonNode event = Json.MAPPER.readTree(line);
            sources.add(event.get("source").asText());
        }
        assertThat(sources).containsExactlyInAnyOrderElementsOf(SourceType.ids());
    }
}
