package dev.cloudwarden.app.respond.action;

import java.util.Map;

/**
 * What a step did: its outputs, kept with the step's state so later steps (the redeploy waits for the snapshot's
 * ids) and its undo can use them, and a one-line summary for the trail.
 */
public record StepOutcome(Map<String, String> outputs, String summary) {
    public StepOutcome {
        outputs = Map.copyOf(outputs);
    }
}
