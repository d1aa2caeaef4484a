package dev.cloudwarden.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.cloudwarden.engine.event.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON Schemas in docs/schema, loaded from the repository, and NDJSON files checked against them. */
final class Schemas {
    private static final Path DIR = Path.of("..", "docs", "schema").toAbsolutePath().normalize();
    private static final String BASE = "https://cloudwarden.dev/schema/";
    static final Schema ALERT = load("alert.schema.json");
    static final Schema INCIDENT = load("incident.schema.json");
    static final Schema EVENT = load("event.schema.json");

    private Schemas() {
    }

    private static Schema load(String file) {
        // the schemas refer to each other by their $id; those ids are served from the repository's folder, so
        // nothing is fetched from the network
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemas((String iri) -> iri.startsWith(BASE) ? read(DIR.resolve(iri.substring(BASE.length()))) : null));
        return registry.getSchema(SchemaLocation.of(BASE + file));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every line of {@code file}, each asserted valid against {@code schema} (errors named with the line). */
    static List<JsonNode> validLines(Path file, Schema schema) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode n = Json.MAPPER.readTree(lines.get(i));
            List<Error> errors = schema.validate(n);
            assertThat(errors).as("%s:%d", file, i + 1).isEmpty();
            out.add(n);
        }
        return out;
    }
}
