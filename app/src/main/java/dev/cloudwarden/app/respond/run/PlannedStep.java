package dev.cloudwarden.app.respond.run;

import dev.cloudwarden.app.respond.action.Action;
import dev.cloudwarden.app.respond.action.Effect;
import dev.cloudwarden.app.respond.action.StepPlan;
import dev.cloudwarden.app.respond.playbook.Step;
import dev.cloudwarden.engine.incident.Entity;

/**
 * One step of a plan on one of the incident's entities.
 *
 * @param skipReason why it will not run (its {@code when} is false); null when it will
 */
public record PlannedStep(int position, Step step, Action action, Entity target, StepPlan plan, String skipReason) {
    /** What identifies it in the response's state: the step's id @ its target. */
    public String key() {
        return step.id() + "@" + target;
    }

    public boolean needsApproval() {
        return step.approval() || action.effect() == Effect.DESTRUCTIVE;
    }
}
