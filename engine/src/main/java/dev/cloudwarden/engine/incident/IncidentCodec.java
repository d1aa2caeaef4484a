package dev.cloudwarden.engine.incident;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.AlertCodec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The wire format of an incident, {@value #SCHEMA}, written and read here only (the JSON Schema is
 * {@code docs/schema/incident.schema.json}). An incident carries its alerts whole ({@link AlertCodec}), so the file
 * stands alone: eval, intel export and response read the alerts' events and observables from it.
 *
 * <pre>
 * {"schema":"cloudwarden.incident/1","id":"...","update":"closed","severity":"critical","score":82,
 *  "first":"...","last":"...","initial_access":["T2"],"actions":["A3"],"malware":["M4"],"motive":"financial",
 *  "techniques":["T1110"],"tactics":["initial-access"],"entities":[{"type":"ip","value":"203.0.113.5"}],
 *  "alerts":[{...cloudwarden.alert/1...}]}
 * </pre>
 * {@code update} is the change it reports ({@link IncidentUpdate.Kind}; {@code merged_into} names the absorbing
 * incident); severity, score, techniques and classification are derived from the alerts, and reading derives them
 * again, so they cannot disagree.
 */
public final class IncidentCodec {
    public static final String SCHEMA = "cloudwarden.incident/1";

    private IncidentCodec() {
    }

    public static void write(IncidentUpdate u, JsonGenerator g, boolean includeRaw) throws IOException {
        Incident i = u.incident();
        g.writeStartObject();
        g.writeStringField("schema", SCHEMA);
        g.writeStringField("id", i.id());
        g.writeStringField("update", u.kind().name().toLowerCase(Locale.ROOT));
        if (u.mergedInto() != null) {
            g.writeStringField("merged_into", u.mergedInto());
        }
        g.writeStringField("severity", i.severity().id());
        g.writeNumberField("score", i.score());
        g.writeStringField("first", i.first().toString());
        g.writeStringField("last", i.last().toString());
        strings(g, "initial_access", i.classification().initialAccess());
        strings(g, "actions", i.classification().actions());
        strings(g, "malware", i.classification().malware());
        g.writeStringField("motive", i.classification().motive().id());
        strings(g, "techniques", i.techniques());
        strings(g, "tactics", i.tactics().stream().map(Tactic::id).toList());
        g.writeArrayFieldStart("entities");
        for (Entity e : i.entities()) {
            g.writeStartObject();
            g.writeStringField("type", e.type().id());
            g.writeStringField("value", e.value());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("alerts");
        for (Alert a : i.alerts()) {
            AlertCodec.write(a, g, includeRaw);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * Reads an incident update written by {@link #write}.
     *
     * @throws IllegalArgumentException naming what is missing or malformed (the caller adds file and line)
     */
    public static IncidentUpdate read(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("an incident must be a JSON object");
        }
        String schema = n.path("schema").asText(null);
        if (!SCHEMA.equals(schema)) {
            throw new IllegalArgumentException(schema == null ? "not an incident (no \"schema\": \"" + SCHEMA + "\")"
                    : "schema '" + schema + "' is not " + SCHEMA);
        }
        String id = n.path("id").asText(null);
        if (id == null) {
            throw new IllegalArgumentException("missing \"id\"");
        }
        List<Alert> alerts = new ArrayList<>();
        JsonNode as = n.path("alerts");
        for (int k = 0; k < as.size(); k++) {
            try {
                alerts.add(AlertCodec.read(as.get(k)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("alerts[" + k + "]: " + e.getMessage(), e);
            }
        }
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("an incident needs at least one alert");
        }
        List<Entity> entities = new ArrayList<>();
        for (JsonNode e : n.path("entities")) {
            entities.add(new Entity(entityType(e.path("type").asText()), e.path("value").asText()));
        }
        IncidentUpdate.Kind kind = kind(n.path("update").asText("closed"));
        String mergedInto = n.hasNonNull("merged_into") ? n.get("merged_into").asText() : null;
        return new IncidentUpdate(kind, Incident.of(id, alerts, entities), kind == IncidentUpdate.Kind.MERGED ? mergedInto : null);
    }

    private static EntityType entityType(String id) {
        for (EntityType t : EntityType.values()) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown entity type '" + id + "'");
    }

    private static IncidentUpdate.Kind kind(String text) {
        try {
            return IncidentUpdate.Kind.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown update '" + text + "'");
        }
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String s : values) {
            g.writeString(s);
        }
        g.writeEndArray();
    }
}
