package dev.cloudwarden.app.store;

import java.util.Map;

/**
 * A line to append to a response's audit trail: what {@link ResponseAuditEntry} holds, without the id and time the
 * store gives it.
 */
public record ResponseEvent(String actor, String incidentId, String responseId, String playbookId, String stepId,
                            String target, String event, String service, String operation,
                            Map<String, Object> parameters, String requestId, Boolean ok, String detail) {
    /** An event of a step with no call: planned, approved, started, succeeded, failed, skipped, undone. */
    public static ResponseEvent of(String actor, String incidentId, String responseId, String playbookId, String stepId,
                                   String target, String event, String detail) {
        return new ResponseEvent(actor, incidentId, responseId, playbookId, stepId, target, event, null, null, null,
                null, null, detail);
    }
}
