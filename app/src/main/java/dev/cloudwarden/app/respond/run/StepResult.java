package dev.cloudwarden.app.respond.run;

import java.time.Instant;

/**
 * What became of one planned step in a run.
 *
 * @param status  the step's state after the run ({@link dev.cloudwarden.app.store.ResponseStep} statuses); a step the
 *                run did not reach stays planned
 * @param resumed it had succeeded in an earlier run and was not run again
 */
public record StepResult(PlannedStep step, String status, String detail, boolean resumed, Instant started,
                         Instant finished) {
}
