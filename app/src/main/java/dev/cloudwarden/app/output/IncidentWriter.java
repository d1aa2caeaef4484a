package dev.cloudwarden.app.output;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.Incident;
import dev.cloudwarden.engine.incident.IncidentCodec;
import dev.cloudwarden.engine.incident.IncidentUpdate;
import dev.cloudwarden.engine.run.IncidentSink;

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

    /** Final incidents as NDJSON in the engine's incident format ({@code cloudwarden.incident/1}). */
    public static void ndjson(List<Incident> incidents, Writer out) throws IOException {
        IncidentSink sink = sink(out, false);
        for (Incident i : incidents) {
            sink.accept(IncidentUpdate.of(IncidentUpdate.Kind.CLOSED, i));
        }
        sink.flush();
    }

    /**
     * A run's incident sink writing NDJSON ({@link IncidentCodec}); wrap it in {@link IncidentSink#closedOnly} for a
     * file of final incidents.
     */
    public static IncidentSink sink(Writer out, boolean raw) throws IOException {
        JsonGenerator g = SafeJsonEscapes.newlineSeparated(out);
        g.setRootValueSeparator(null); // each line ends as it is written, so a reader never waits for a separator
        return new IncidentSink() {
            @Override
            public void accept(IncidentUpdate update) throws IOException {
                IncidentCodec.write(update, g, raw);
                g.writeRaw('\n');
            }

            @Override
            public void flush() throws IOException {
                g.flush();
                out.flush();
            }
        };
    }
}
