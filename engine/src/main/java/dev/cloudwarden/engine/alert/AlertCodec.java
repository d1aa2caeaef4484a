package dev.cloudwarden.engine.alert;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.EventJson;
import dev.cloudwarden.engine.event.EventJsonReader;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire format of an alert, {@value #SCHEMA}, written and read here only (the JSON Schema is
 * {@code docs/schema/alert.schema.json}). Every tool that writes or reads alerts (scan, the incident file, eval,
 * intel export, the service, the Flink job) goes through it.
 *
 * <pre>
 * {"schema":"cloudwarden.alert/1","id":"...","rule_id":"...","rule":"title","level":"high","time":"...",
 *  "count":3,"first_seen":"...","last_seen":"...","group_key":"...",
 *  "tags":["attack.t1078"],"observables":[{"type":"ip","value":"203.0.113.5","role":"src"}],
 *  "events":[{...normalized event, with its "uid" and "origin", and "raw" when asked...}]}
 * </pre>
 * {@code observables} lists what the detector matched and what the events name ({@link Observables#of}); reading
 * keeps only the detector's own ({@code matched}) ones on the alert, as the rest come back from its events.
 */
public final class AlertCodec {
    public static final String SCHEMA = "cloudwarden.alert/1";

    private AlertCodec() {
    }

    /** Writes one alert as a JSON object; {@code includeRaw} adds each event's original record. */
    public static void write(Alert a, JsonGenerator g, boolean includeRaw) throws IOException {
        g.writeStartObject();
        g.writeStringField("schema", SCHEMA);
        g.writeStringField("id", a.id());
        g.writeStringField("rule_id", a.ruleId());
        g.writeStringField("rule", a.ruleTitle());
        if (a.level() != null) {
            g.writeStringField("level", a.level().id());
        }
        g.writeStringField("time", a.time().toString());
        Alert.Occurrences o = a.occurrences();
        g.writeNumberField("count", o.count());
        g.writeStringField("first_seen", o.firstSeen().toString());
        g.writeStringField("last_seen", o.lastSeen().toString());
        if (o.groupKey() != null) {
            g.writeStringField("group_key", o.groupKey());
        }
        g.writeArrayFieldStart("tags");
        for (String t : a.tags()) {
            g.writeString(t);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("observables");
        for (Observable ob : Observables.of(a)) {
            g.writeStartObject();
            g.writeStringField("type", ob.type());
            g.writeStringField("value", ob.value());
            g.writeStringField("role", ob.role());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("events");
        for (Event e : a.events()) {
            EventJson.write(e, g, includeRaw, true);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * Reads an alert written by {@link #write}.
     *
     * @throws IllegalArgumentException naming what is missing or malformed (the caller adds file and line)
     */
    public static Alert read(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("an alert must be a JSON object");
        }
        String schema = n.path("schema").asText(null);
        if (!SCHEMA.equals(schema)) {
            throw new IllegalArgumentException(schema == null ? "not an alert (no \"schema\": \"" + SCHEMA + "\")"
                    : "schema '" + schema + "' is not " + SCHEMA);
        }
        Instant time = instant(n, "time");
        List<String> tags = new ArrayList<>();
        n.path("tags").forEach(t -> tags.add(t.asText()));
        List<Observable> matched = new ArrayList<>();
        for (JsonNode ob : n.path("observables")) {
            if (Observable.MATCHED.equals(ob.path("role").asText())) {
                matched.add(new Observable(required(ob, "type"), required(ob, "value"), Observable.MATCHED));
            }
        }
        List<Event> events = new ArrayList<>();
        JsonNode evs = n.get("events");
        if (evs == null || !evs.isArray() || evs.isEmpty()) {
            throw new IllegalArgumentException("an alert needs at least one event");
        }
        for (int i = 0; i < evs.size(); i++) {
            try {
                events.add(EventJsonReader.read(evs.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("events[" + i + "]: " + e.getMessage(), e);
            }
        }
        Level level = n.hasNonNull("level") ? Level.parse(n.get("level").asText())
                .orElseThrow(() -> new IllegalArgumentException("unknown level '" + n.get("level").asText() + "'")) : null;
        Alert.Occurrences occurrences = new Alert.Occurrences(n.path("count").asLong(1),
                n.has("first_seen") ? instant(n, "first_seen") : time, n.has("last_seen") ? instant(n, "last_seen") : time,
                n.hasNonNull("group_key") ? n.get("group_key").asText() : null);
        return new Alert(required(n, "id"), required(n, "rule_id"), n.path("rule").asText(""), level, time, tags, events,
                matched, occurrences);
    }

    private static String required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("missing \"" + field + "\"");
        }
        return v.asText();
    }

    private static Instant instant(JsonNode n, String field) {
        String text = required(n, field);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + field + "\": '" + text + "' is not an ISO-8601 instant");
        }
    }
}
