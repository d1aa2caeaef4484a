package dev.cloudwarden.app.store;

import java.time.Instant;
import java.util.Map;

/**
 * The state of one step of a response on one target, as the store keeps it between runs.
 *
 * @param stepKey the step's id @ its target ({@code snapshot@instance:i-0abc})
 * @param status  planned, waiting_approval, running, succeeded, failed, skipped or undone
 * @param outputs what the action returned (snapshot ids, the groups an interface had), for later steps and undo
 */
public record ResponseStep(String responseId, String stepKey, String incidentId, String playbookId, String stepId,
                           int position, String target, String action, String status, Map<String, String> outputs,
                           String error, Instant startedAt, Instant finishedAt) {
    public ResponseStep {
        outputs = Map.copyOf(outputs);
    }

    public static final String PLANNED = "planned";
    public static final String WAITING_APPROVAL = "waiting_approval";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";
    public static final String UNDONE = "undone";
}
