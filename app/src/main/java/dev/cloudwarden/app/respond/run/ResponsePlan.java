package dev.cloudwarden.app.respond.run;

import dev.cloudwarden.app.respond.playbook.Playbook;
import dev.cloudwarden.engine.incident.Incident;

import java.util.List;

/** A playbook laid out over one incident: every step on every entity it acts on, in order, with its calls. */
public record ResponsePlan(String responseId, Incident incident, Playbook playbook, List<PlannedStep> steps) {
    public ResponsePlan {
        steps = List.copyOf(steps);
    }
}
