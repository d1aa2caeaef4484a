package dev.cloudwarden.app.intel;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.app.intel.store.IocStore;
import dev.cloudwarden.app.intel.store.StoreRecords;
import dev.cloudwarden.engine.intel.FeedProblem;
import dev.cloudwarden.engine.intel.Indicator;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** JSON forms of intel records, one value per line, with terminal-safe escapes (feed values are attacker controlled). */
public final class IntelJson {

    private IntelJson() {
    }

    public static void indicator(JsonGenerator g, IocStore.Stored s) throws IOException {
        g.writeStartObject();
        indicatorFields(g, s.indicator());
        time(g, "imported_at", s.importedAt());
        time(g, "updated_at", s.updatedAt());
        time(g, "expired_at", s.expiredAt());
        g.writeEndObject();
    }

    /** An indicator's own fields (what a feed said), inside an object the caller opened. */
    public static void indicatorFields(JsonGenerator g, Indicator i) throws IOException {
        g.writeStringField("id", i.id());
        g.writeStringField("type", i.type().id());
        g.writeStringField("value", i.value());
        g.writeStringField("source", i.source());
        if (i.confidence() != null) {
            g.writeNumberField("confidence", i.confidence());
        }
        strings(g, "labels", i.labels());
        time(g, "valid_from", i.validFrom());
        time(g, "valid_until", i.validUntil());
        strings(g, "kill_chain_phases", i.killChainPhases());
        if (i.description() != null) {
            g.writeStringField("description", i.description());
        }
    }

    public static void problem(JsonGenerator g, String source, FeedProblem p) throws IOException {
        g.writeStartObject();
        g.writeStringField("source", source);
        g.writeStringField("location", p.location());
        g.writeStringField("reason", p.reason());
        g.writeEndObject();
    }

    public static void report(JsonGenerator g, ImportReport r) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", r.name());
        g.writeStringField("kind", r.kind());
        g.writeStringField("location", r.location());
        g.writeNumberField("read", r.read());
        g.writeNumberField("imported", r.counts().added());
        g.writeNumberField("updated", r.counts().updated());
        g.writeNumberField("unchanged", r.counts().unchanged());
        g.writeNumberField("expired", r.counts().expired());
        g.writeNumberField("skipped", r.skipped());
        counts(g, "skipped_by_reason", r.skippedByReason());
        g.writeNumberField("problems", r.problems().size());
        if (r.failure() != null) {
            g.writeStringField("failure", r.failure());
        }
        if (r.cursor() != null) {
            g.writeStringField("added_after", r.cursor());
        }
        g.writeNumberField("millis", r.took().toMillis());
        g.writeEndObject();
    }

    public static void stats(JsonGenerator g, StoreRecords.Stats s, List<StoreRecords.Feed> feeds) throws IOException {
        g.writeStartObject();
        g.writeNumberField("indicators", s.indicators());
        g.writeNumberField("current", s.current());
        g.writeNumberField("expired", s.expired());
        counts(g, "by_type", s.byType());
        counts(g, "by_source", s.bySource());
        counts(g, "by_label", s.byLabel());
        g.writeNumberField("sighted_indicators", s.sightedIndicators());
        g.writeNumberField("sightings", s.sightings());
        g.writeArrayFieldStart("feeds");
        for (StoreRecords.Feed f : feeds) {
            g.writeStartObject();
            g.writeStringField("name", f.name());
            g.writeStringField("kind", f.kind());
            if (f.url() != null) {
                g.writeStringField("url", f.url());
            }
            if (f.addedAfter() != null) {
                g.writeStringField("added_after", f.addedAfter());
            }
            time(g, "last_import_at", f.lastImportAt());
            g.writeNumberField("imported", f.imported());
            g.writeNumberField("updated", f.updated());
            g.writeNumberField("unchanged", f.unchanged());
            g.writeNumberField("skipped", f.skipped());
            g.writeNumberField("expired", f.expired());
            g.writeNumberField("problems", f.problems());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void counts(JsonGenerator g, String field, Map<String, ? extends Number> m) throws IOException {
        g.writeObjectFieldStart(field);
        for (var e : m.entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue().longValue());
        }
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void time(JsonGenerator g, String field, Instant t) throws IOException {
        if (t != null) {
            g.writeStringField(field, t.toString());
        }
    }
}
