package dev.cloudwarden.app.output;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.Incident;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/** Incidents for people (one line each) and as NDJSON. */
public final class IncidentWriter {
    private static final String ROW = "%-8s %5s  %-22s %-52s %-17s %-17s %s%n";

    private IncidentWriter() {
    }

    public static void table(List<Incident> incidents, PrintWriter out) {
        out.printf(ROW, "SEVERITY", "SCORE", "CATEGORY", "ENTITIES", "FIRST", "LAST", "TECHNIQUES");
        for (Incident i : incidents) {
            out.printf(ROW, i.severity() == null ? "-" : i.severity().id(), i.score(),
                    TableEventWriter.cell(category(i), 22), TableEventWriter.cell(entities(i), 52),
                    time(i.first()), time(i.last()), TerminalText.safe(String.join(",", i.techniques())));
        }
        out.flush();
    }

    /** Catalog ids (initial access, actions, malware) and the likely motive, e.g. {@code T2 A2 / espionage}. */
    public static String category(Incident i) {
        List<String> ids = new ArrayList<>();
        ids.addAll(i.classification().initialAccess());
        ids.addAll(i.classification().actions());
        ids.addAll(i.classification().malware());
        return (ids.isEmpty() ? "?" : String.join(" ", ids)) + " / " + i.classification().motive().name().toLowerCase();
    }

    private static String entities(Incident i) {
        List<String> shown = new ArrayList<>();
        for (Entity e : i.entities()) {
            if (shown.size() == 3) {
                shown.add("+" + (i.entities().size() - 3));
                break;
            }
            shown.add(e.toString());
        }
        return String.join(" ", shown);
    }

    private static String time(java.time.Instant t) {
        return t.toString().replace("T", " ").substring(0, 16);
    }

    public static void ndjson(List<Incident> incidents, Writer out) throws IOException {
        JsonGenerator g = SafeJsonEscapes.newlineSeparated(out);
        for (Incident i : incidents) {
            g.writeStartObject();
            g.writeStringField("id", i.id());
            g.writeStringField("severity", i.severity() == null ? null : i.severity().id());
            g.writeNumberField("score", i.score());
            g.writeStringField("first", i.first().toString());
            g.writeStringField("last", i.last().toString());
            g.writeArrayFieldStart("initial_access");
            for (String s : i.classification().initialAccess()) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("actions");
            for (String s : i.classification().actions()) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("malware");
            for (String s : i.classification().malware()) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeStringField("motive", i.classification().motive().name().toLowerCase());
            g.writeArrayFieldStart("techniques");
            for (String s : i.techniques()) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("entities");
            for (Entity e : i.entities()) {
                g.writeString(e.toString());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("alerts");
            for (Alert a : i.alerts()) {
                g.writeStartObject();
                g.writeStringField("id", a.id());
                g.writeStringField("rule", a.ruleTitle());
                g.writeStringField("time", a.time().toString());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeRaw('\n');
        g.flush();
    }
}
