package dev.cloudwarden.app.output;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.AlertCodec;
import dev.cloudwarden.engine.run.AlertSink;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.EventJson;
import dev.cloudwarden.engine.event.OcsfClass;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Prints alerts as a run's alert sink: a table for people, NDJSON in the engine's alert format
 * ({@link AlertCodec}, {@code cloudwarden.alert/1}), or OCSF Detection Findings (class 2004).
 */
public abstract class AlertWriter implements AlertSink, Closeable {
    public enum Format { table, json, ocsf }

    public abstract void write(Alert alert) throws IOException;

    @Override
    public void accept(Alert alert) throws IOException {
        write(alert);
    }

    /**
     * @param text  where the table goes
     * @param bytes where NDJSON goes, as UTF-8 bytes (the same stream as {@code text} on the command line, so a
     *              closed pipe or a full disk reaches the run as an exception instead of being swallowed)
     * @param raw   include each event's original record (JSON and OCSF)
     */
    public static AlertWriter create(Format format, PrintWriter text, OutputStream bytes, boolean raw) throws IOException {
        return switch (format) {
            case table -> new Table(text);
            case json -> new Ndjson(SafeJsonEscapes.newlineSeparated(bytes), false, raw);
            case ocsf -> new Ndjson(SafeJsonEscapes.newlineSeparated(bytes), true, raw);
        };
    }

    private static final class Table extends AlertWriter {
        private static final String ROW = "%-8s %-20s %6s %-50s %-34s %-16s %s%n";
        private final PrintWriter out;
        private boolean headed;

        Table(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void write(Alert a) {
            if (!headed) {
                out.printf(ROW, "LEVEL", "TIME", "COUNT", "RULE", "ACTOR", "SOURCE IP", "ATT&CK / KEY FIELDS");
                headed = true;
            }
            Event e = a.event();
            String techniques = String.join(",", a.tags().stream().filter(t -> t.toLowerCase(Locale.ROOT).startsWith("attack.t"))
                    .map(t -> t.substring("attack.".length()).toUpperCase(Locale.ROOT)).toList());
            String key = (e.operation().name() == null ? "" : e.operation().name())
                    + (e.cloud().account() == null ? "" : " acct=" + e.cloud().account());
            out.printf(ROW, a.level() == null ? "-" : a.level().id(), a.time().toString().replace("T", " ").replace("Z", ""),
                    a.occurrences().count(), TableEventWriter.cell(a.ruleTitle(), 50), TableEventWriter.cell(e.actor().principal(), 34),
                    TableEventWriter.cell(e.src().ip(), 16), TerminalText.safe(techniques + (techniques.isEmpty() ? "" : " ") + key));
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }
    }

    private static final class Ndjson extends AlertWriter {
        private final JsonGenerator g;
        private final boolean ocsf;
        private final boolean raw;

        Ndjson(JsonGenerator g, boolean ocsf, boolean raw) {
            this.g = g;
            this.ocsf = ocsf;
            this.raw = raw;
        }

        @Override
        public void write(Alert a) throws IOException {
            if (ocsf) {
                finding(a);
                return;
            }
            AlertCodec.write(a, g, raw);
        }

        /** OCSF 1.1 Detection Finding: finding_info names the rule, evidences carry the events. */
        private void finding(Alert a) throws IOException {
            g.writeStartObject();
            g.writeNumberField("class_uid", 2004);
            g.writeStringField("class_name", "Detection Finding");
            g.writeNumberField("category_uid", 2);
            g.writeStringField("category_name", "Findings");
            g.writeNumberField("activity_id", 1);
            g.writeStringField("activity_name", "Create");
            g.writeNumberField("type_uid", 200401);
            g.writeNumberField("time", a.time().toEpochMilli());
            g.writeNumberField("count", a.occurrences().count());
            g.writeNumberField("start_time", a.occurrences().firstSeen().toEpochMilli());
            g.writeNumberField("end_time", a.occurrences().lastSeen().toEpochMilli());
            g.writeNumberField("severity_id", severity(a));
            OcsfObjects.metadata(g, null, null, null, false, null);
            g.writeObjectFieldStart("finding_info");
            g.writeStringField("uid", a.id());
            g.writeStringField("title", a.ruleTitle());
            g.writeObjectFieldStart("analytic");
            g.writeStringField("uid", a.ruleId());
            g.writeStringField("name", a.ruleTitle());
            g.writeNumberField("type_id", 1);
            g.writeStringField("type", "Rule");
            g.writeEndObject();
            g.writeArrayFieldStart("attacks");
            for (String t : a.tags()) {
                if (t.toLowerCase(Locale.ROOT).matches("attack\\.t\\d{4}(\\.\\d{3})?")) {
                    g.writeStartObject();
                    g.writeObjectFieldStart("technique");
                    g.writeStringField("uid", t.substring("attack.".length()).toUpperCase(Locale.ROOT));
                    g.writeEndObject();
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeArrayFieldStart("evidences");
            for (Event e : a.events()) {
                evidence(e);
            }
            g.writeEndArray();
            g.writeEndObject();
        }

        /**
         * One event as evidence: its OCSF actor, API, endpoints and DNS query, as its OCSF event has them, and the
         * whole event in CloudWarden's JSON (with the original record) as {@code data}.
         */
        private void evidence(Event e) throws IOException {
            g.writeStartObject();
            if (!e.actor().isEmpty()) {
                OcsfObjects.actor(g, e.actor());
            }
            if (e.operation().name() != null && e.ocsfClass() == OcsfClass.API_ACTIVITY) {
                OcsfObjects.api(g, e);
            }
            if (OcsfObjects.named(e.src())) {
                OcsfObjects.endpoint(g, "src_endpoint", e.src());
            }
            boolean query = OcsfObjects.query(g, e);
            if (OcsfObjects.named(e.dst()) && !query) {
                OcsfObjects.endpoint(g, "dst_endpoint", e.dst());
            }
            g.writeFieldName("data");
            EventJson.write(e, g, true, true);
            g.writeEndObject();
        }

        private static int severity(Alert a) {
            if (a.level() == null) {
                return 0;
            }
            return switch (a.level()) {
                case INFORMATIONAL -> 1;
                case LOW -> 2;
                case MEDIUM -> 3;
                case HIGH -> 4;
                case CRITICAL -> 5;
            };
        }

        @Override
        public void flush() throws IOException {
            g.flush();
        }

        @Override
        public void close() throws IOException {
            g.writeRaw('\n');
            g.flush();
        }
    }
}
