package dev.cloudwarden.app.store;

import java.time.Instant;
import java.util.Map;

/**
 * One line of a response's audit trail: who did what, when, with which request id and result. Never changed once
 * written.
 *
 * @param event      planned, approved, started, call, succeeded, failed, skipped or undone
 * @param service    for a call: the API's service ({@code ec2}, {@code iam}, {@code kubernetes}); null otherwise
 * @param requestId  the provider's request id of a call; null when there is none
 * @param ok         for a call, whether it succeeded; null otherwise
 */
public record ResponseAuditEntry(long id, Instant at, String actor, String incidentId, String responseId,
                                 String playbookId, String stepId, String target, String event, String service,
                                 String operation, Map<String, Object> parameters, String requestId, Boolean ok,
                                 String detail) {
    public ResponseAuditEntry {
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    }
}
