package dev.cloudwarden.simulate.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A simulation's {@code truth.jsonl}: which scenario each attack line (file relative to logs/, line) belongs to. */
public record GroundTruth(Map<LineRef, String> scenarioOfLine, Map<String, String> catalogOfScenario,
                          Map<String, Integer> linesOfScenario) {

    /** A line of a log file, the file relative to the simulation's logs folder, with '/' separators. */
    public record LineRef(String file, long line) {
    }

    public static GroundTruth read(Path truth) throws IOException {
        Map<LineRef, String> lines = new HashMap<>();
        Map<String, String> catalog = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> all = Files.readAllLines(truth);
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).isBlank()) {
                continue;
            }
            JsonNode n = Json.MAPPER.readTree(all.get(i));
            if (n == null || !n.hasNonNull("scenario") || !n.hasNonNull("file") || !n.hasNonNull("line")) {
                throw new IOException(truth + ":" + (i + 1) + ": not a ground-truth entry (scenario, file, line)");
            }
            String scenario = n.get("scenario").asText();
            lines.put(new LineRef(n.get("file").asText(), n.get("line").asLong()), scenario);
            catalog.putIfAbsent(scenario, n.path("catalog").asText(null));
            counts.merge(scenario, 1, Integer::sum);
        }
        return new GroundTruth(lines, catalog, counts);
    }
}
