package dev.cloudwarden.app.store;

import dev.cloudwarden.engine.incident.Entity;

import java.time.Instant;
import java.util.List;

/**
 * One incident with everything an analyst opens it for.
 *
 * @param alerts   its alerts in kill-chain order (the engine's order)
 * @param entities every entity of its alerts, sorted
 * @param timeline its alerts (at their first match), comments and audited changes, oldest first
 * @param postureFindings the posture findings still failing on its entities (a public bucket behind its downloads),
 *                 most severe first, each with the entities it shares with the incident
 * @param responseSteps the state of every step of every response to it (playbook runs)
 * @param responseTrail every response event (plans approved, steps run, each API call with its request id), oldest
 *                 first: the audit trail exported with the incident
 */
public record IncidentDetail(StoredIncident incident, List<StoredAlert> alerts, List<Entity> entities,
                             List<TimelineEntry> timeline, List<StoredFinding> postureFindings,
                             List<ResponseStep> responseSteps, List<ResponseAuditEntry> responseTrail) {
    public IncidentDetail {
        alerts = List.copyOf(alerts);
        entities = List.copyOf(entities);
        timeline = List.copyOf(timeline);
        postureFindings = List.copyOf(postureFindings);
        responseSteps = List.copyOf(responseSteps);
        responseTrail = List.copyOf(responseTrail);
    }

    IncidentDetail with(List<StoredFinding> findings, List<ResponseStep> steps, List<ResponseAuditEntry> trail) {
        return new IncidentDetail(incident, alerts, entities, timeline, findings, steps, trail);
    }

    /**
     * One line of an incident's timeline.
     *
     * @param kind    alert, comment or audit
     * @param ref     the alert id, comment id or audit id
     * @param actor   the comment's author or the change's actor; null for an alert
     * @param summary the alert's rule title, the comment's text, or the audit action
     */
    public record TimelineEntry(Instant at, String kind, String ref, String actor, String summary) {
    }
}
