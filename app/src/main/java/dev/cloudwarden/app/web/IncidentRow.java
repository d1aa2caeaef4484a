package dev.cloudwarden.app.web;

import dev.cloudwarden.app.store.StoredIncident;
import dev.cloudwarden.engine.incident.CatalogRow;

import java.util.ArrayList;
import java.util.List;

/** One incident as a row of the queue (and of the related incidents on an incident's page). */
public record IncidentRow(String id, String severity, int score, String headline, String categories, String motive,
                          String first, String firstIso, String last, int alerts, String status, String assignee,
                          List<String> techniques) {
    static IncidentRow of(StoredIncident i) {
        List<String> categories = new ArrayList<>(i.initialAccess());
        categories.addAll(i.actions());
        categories.addAll(i.malware());
        return new IncidentRow(i.id(), Fmt.level(i.severity()), i.score(), headline(i), String.join(" ", categories),
                i.motive(), Fmt.time(i.first()), Fmt.iso(i.first()), Fmt.time(i.last()), i.alertCount(),
                i.triage().status().id(), Fmt.visible(i.triage().assignee()), i.techniques());
    }

    /** What happened, in the report's words: how they got in, then what they did, then the malware named. */
    static String headline(StoredIncident i) {
        List<String> parts = new ArrayList<>();
        for (List<String> ids : List.of(i.initialAccess(), i.actions(), i.malware())) {
            ids.stream().map(CatalogRow::byId).flatMap(java.util.Optional::stream).findFirst()
                    .ifPresent(r -> parts.add(r.threat()));
        }
        if (parts.isEmpty()) {
            return i.alertCount() + (i.alertCount() == 1 ? " alert" : " alerts")
                    + (i.techniques().isEmpty() ? "" : " · " + String.join(", ", i.techniques()));
        }
        return String.join(" → ", parts);
    }
}
