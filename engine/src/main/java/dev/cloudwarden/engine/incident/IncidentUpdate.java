package dev.cloudwarden.engine.incident;

import java.util.Objects;

/**
 * A change in an incident's life, as the detection run emits it while event time advances.
 *
 * <p>The state machine, per incident id:
 * <pre>
 *   OPENED ──► UPDATED* ──► CLOSED
 *      │           │
 *      └───────────┴──────► MERGED (into an older incident, which goes on as UPDATED)
 * </pre>
 * {@code OPENED} comes with the incident's first alerts; {@code UPDATED} when alerts join it or it absorbs another
 * incident; {@code CLOSED} once no alert within the window of its last one can still come (or it reached the
 * alert limit), with its final content; {@code MERGED} when an alert linked it to an older incident, which took
 * its alerts. Nothing follows {@code CLOSED} or {@code MERGED} for that id.
 *
 * @param incident  the incident as it stands after the change
 * @param mergedInto for {@link Kind#MERGED}, the id of the incident that absorbed this one; null otherwise
 */
public record IncidentUpdate(Kind kind, Incident incident, String mergedInto) {
    public enum Kind {
        OPENED, UPDATED, CLOSED, MERGED;

        public boolean isFinal() {
            return this == CLOSED || this == MERGED;
        }
    }

    public IncidentUpdate {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(incident, "incident");
        if ((kind == Kind.MERGED) != (mergedInto != null)) {
            throw new IllegalArgumentException("mergedInto is given exactly for MERGED updates");
        }
    }

    public static IncidentUpdate of(Kind kind, Incident incident) {
        return new IncidentUpdate(kind, incident, null);
    }

    public String id() {
        return incident.id();
    }
}
