package dev.cloudwarden.app.report;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as one self-contained HTML document (inline style and SVG, no script, nothing fetched; every value
 * escaped by the jte template), and each chart's data as CSV beside it.
 */
public final class ReportWriter {
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private ReportWriter() {
    }

    public static String html(ReportView view) {
        StringOutput out = new StringOutput();
        ENGINE.render("report/landscape.jte", view, out);
        return out.toString();
    }

    /** Writes one CSV per chart into {@code dir} (created): initial-access, actions, malware, motives, entities, ... */
    public static List<Path> data(ReportView view, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, List<List<String>>> tables = new LinkedHashMap<>();
        tables.put("initial-access", bars(view.initialAccess()));
        tables.put("actions", bars(view.actions()));
        tables.put("malware", bars(view.malware()));
        tables.put("motives", bars(view.motives()));
        List<List<String>> heat = new ArrayList<>(List.of(List.of("tactic", "technique", "name", "incidents")));
        view.heat().forEach(c -> c.cells().forEach(x -> heat.add(List.of(c.tactic(), x.id(), x.name(), Long.toString(x.count())))));
        tables.put("attack-heat-map", heat);
        List<List<String>> entities = new ArrayList<>(List.of(List.of("type", "value", "incidents")));
        view.entities().forEach(t -> t.rows().forEach(r -> entities.add(List.of(t.type(), r.value(), Long.toString(r.incidents())))));
        tables.put("top-entities", entities);
        List<List<String>> posture = new ArrayList<>(List.of(List.of("layer", "informational", "low", "medium", "high", "critical", "all")));
        view.posture().forEach(l -> {
            List<String> row = new ArrayList<>(List.of(l.layer()));
            l.bySeverity().forEach(n -> row.add(Long.toString(n)));
            row.add(Long.toString(l.total()));
            posture.add(row);
        });
        tables.put("posture-by-layer", posture);
        List<List<String>> recs = new ArrayList<>(List.of(List.of("id", "recommendation", "status", "evidence")));
        view.recommendations().forEach(r -> recs.add(List.of(r.id(), r.title(), r.status(), r.evidence())));
        tables.put("recommendations", recs);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, List<List<String>>> t : tables.entrySet()) {
            Path f = dir.resolve(t.getKey() + ".csv");
            StringBuilder csv = new StringBuilder();
            for (List<String> row : t.getValue()) {
                List<String> cells = row.stream().map(ReportWriter::cell).toList();
                csv.append(String.join(",", cells)).append("\r\n");
            }
            Files.writeString(f, csv, StandardCharsets.UTF_8);
            written.add(f);
        }
        return written;
    }

    private static List<List<String>> bars(List<ReportView.Bar> bars) {
        List<List<String>> out = new ArrayList<>(List.of(List.of("row", "threat", "incidents", "share", "period_before", "change")));
        bars.forEach(b -> out.add(List.of(b.id(), b.label(), Long.toString(b.count()), b.share(), Long.toString(b.previous()), b.trend())));
        return out;
    }

    /**
     * One CSV cell (RFC 4180), quoted; a value a spreadsheet would run as a formula ({@code =}, {@code +}, {@code -},
     * {@code @}, tab, CR at its start: entity names are attacker-controlled) gets a leading apostrophe.
     */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("[-+]?\\d+(\\.\\d+)?%?")) {
            v = "'" + v;
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
