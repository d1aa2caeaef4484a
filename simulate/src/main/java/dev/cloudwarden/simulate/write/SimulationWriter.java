package dev.cloudwarden.simulate.write;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.cloudwarden.engine.event.Json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Collects generated lines, then writes each log file sorted by time (as the real services deliver them)
 * and the ground truth: for every scenario line, the file and line number it ended up at.
 */
public final class SimulationWriter {
    /** The folder under the output folder that holds the logs. */
    public static final String LOGS = "logs";

    private final Map<LogKind, List<LogLine>> lines = new EnumMap<>(LogKind.class);
    private long sequence;
    private final Map<LogLine, Long> order = new java.util.IdentityHashMap<>();

    public void add(LogLine line) {
        lines.computeIfAbsent(line.kind(), k -> new ArrayList<>()).add(line);
        order.put(line, sequence++);
    }

    /** Ground truth of one scenario line: the scenario, its catalog metadata, and where the line is. */
    public record Truth(String scenario, String file, long line) {
    }

    /**
     * Writes the logs under {@code dir/logs/} (so a scan of that folder reads logs only) and the ground truth to
     * {@code dir/truth.jsonl}; returns the ground-truth entries, whose file names are relative to {@code logs/}.
     */
    public List<Truth> write(Path dir, Map<String, ScenarioInfo> scenarios) throws IOException {
        List<Truth> truth = new ArrayList<>();
        for (Map.Entry<LogKind, List<LogLine>> e : lines.entrySet()) {
            LogKind kind = e.getKey();
            List<LogLine> sorted = new ArrayList<>(e.getValue());
            // Stable by generation order within the same instant, so the output is deterministic.
            sorted.sort(Comparator.comparing(LogLine::time).thenComparing(order::get));
            Path file = dir.resolve(LOGS).resolve(kind.path());
            Files.createDirectories(file.getParent());
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                long n = 0;
                if (kind.header() != null) {
                    w.write(kind.header());
                    w.write('\n');
                    n++;
                }
                for (LogLine l : sorted) {
                    w.write(l.text());
                    w.write('\n');
                    n++;
                    if (l.scenario() != null) {
                        truth.add(new Truth(l.scenario(), kind.path(), n));
                    }
                }
            }
        }
        writeTruth(dir.resolve("truth.jsonl"), truth, scenarios);
        return truth;
    }

    private static void writeTruth(Path file, List<Truth> truth, Map<String, ScenarioInfo> scenarios) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             JsonGenerator g = Json.FACTORY.createGenerator(w)) {
            g.setRootValueSeparator(new SerializedString("\n"));
            for (Truth t : truth) {
                ScenarioInfo s = scenarios.get(t.scenario());
                g.writeStartObject();
                g.writeStringField("scenario", t.scenario());
                g.writeStringField("catalog", s.catalogId());
                g.writeArrayFieldStart("techniques");
                for (String tech : s.techniques()) {
                    g.writeString(tech);
                }
                g.writeEndArray();
                g.writeStringField("file", t.file());
                g.writeNumberField("line", t.line());
                g.writeEndObject();
            }
            g.writeRaw('\n');
        }
    }
}
