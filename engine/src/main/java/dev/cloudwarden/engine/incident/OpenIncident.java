package dev.cloudwarden.engine.incident;

import dev.cloudwarden.engine.alert.Alert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An incident still taking alerts, as kept in keyed state. Mutable for speed; the processor puts it back into
 * its map state after every change, as a serializing backend requires.
 */
final class OpenIncident {
    final String id;
    final List<Alert> alerts = new ArrayList<>();
    final Set<String> alertIds = new HashSet<>();
    /** Linking entities and the last event time (ms) an alert of this incident named them. */
    final Map<Entity, Long> lastSeen = new HashMap<>();
    /** Every entity of the alerts, for the report. */
    final TreeSet<Entity> listed = new TreeSet<>();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;

    OpenIncident(String id) {
        this.id = id;
    }

    void add(Alert alert, long time, List<Entity> entities, List<Entity> linking) {
        alerts.add(alert);
        alertIds.add(alert.id());
        listed.addAll(entities);
        for (Entity e : linking) {
            lastSeen.merge(e, time, Math::max);
        }
        first = Math.min(first, time);
        last = Math.max(last, time);
    }

    void absorb(OpenIncident other) {
        alerts.addAll(other.alerts);
        alertIds.addAll(other.alertIds);
        listed.addAll(other.listed);
        other.lastSeen.forEach((e, t) -> lastSeen.merge(e, t, Math::max));
        first = Math.min(first, other.first);
        last = Math.max(last, other.last);
    }

    /** Orders survivors of a merge: the incident that started first (then the smaller id) keeps its id. */
    static int compareAge(OpenIncident a, OpenIncident b) {
        int c = Long.compare(a.first, b.first);
        return c != 0 ? c : a.id.compareTo(b.id);
    }

    Incident toIncident() {
        return Incident.of(id, alerts, listed);
    }

    /** Ids of open incidents due for an idle check at one time. */
    record IdSet(TreeSet<String> ids) {
    }
}
