package dev.cloudwarden.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cloudwarden.app.store.StoredAlert;

import java.util.ArrayList;
import java.util.List;

/**
 * One alert as a page shows it, with its evidence: each event's origin (file and line) and original record,
 * pretty-printed JSON or the log line as it was.
 */
public record AlertView(String id, String ruleId, String rule, String level, String first, String firstIso,
                        String last, long count, String status, List<String> techniques, List<Evidence> events) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One event behind an alert: where it was read and the record itself. */
    public record Evidence(String origin, String record) {
    }

    static AlertView of(StoredAlert a) {
        return new AlertView(a.id(), Fmt.visible(a.ruleId()), Fmt.visible(a.ruleTitle()), Fmt.level(a.level()), Fmt.time(a.firstSeen()),
                Fmt.iso(a.firstSeen()), Fmt.time(a.lastSeen()), a.count(), a.triage().status().id(), a.techniques(),
                evidence(a.alertJson()));
    }

    private static List<Evidence> evidence(String alertJson) {
        List<Evidence> out = new ArrayList<>();
        try {
            for (JsonNode e : JSON.readTree(alertJson).path("events")) {
                JsonNode origin = e.path("origin");
                String where = origin.isObject() ? origin.path("file").asText("") + (origin.has("line") ? ":"
                        + origin.path("line").asText() : "") : origin.asText("");
                JsonNode raw = e.path("raw");
                out.add(new Evidence(Fmt.visible(where), Fmt.visible(raw.isTextual() ? raw.asText() : raw.isMissingNode()
                        ? JSON.writeValueAsString(e) : JSON.writeValueAsString(raw))));
            }
        } catch (java.io.IOException e) {
            out.add(new Evidence("", "(the alert's evidence could not be read: " + e.getMessage() + ")"));
        }
        return out;
    }
}
