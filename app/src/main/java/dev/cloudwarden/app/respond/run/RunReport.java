package dev.cloudwarden.app.respond.run;

import java.util.List;

/**
 * What a run did.
 *
 * @param stoppedAt the step the run stopped at (failed with {@code on_failure: stop}, or waiting for an approval);
 *                  null when it ran to the end
 */
public record RunReport(ResponsePlan plan, List<StepResult> results, PlannedStep stoppedAt, String reason) {
    public RunReport {
        results = List.copyOf(results);
    }

    /** It ran to the end (failed steps with {@code on_failure: continue} or a {@code goto} included). */
    public boolean complete() {
        return stoppedAt == null;
    }

    /** A step failed, whether or not the run went on: a rerun has work left. */
    public boolean failed() {
        return results.stream().anyMatch(r -> r.status().equals(dev.cloudwarden.app.store.ResponseStep.FAILED));
    }
}
