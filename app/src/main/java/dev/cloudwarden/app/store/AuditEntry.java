package dev.cloudwarden.app.store;

import java.time.Instant;

/**
 * One audited change.
 *
 * @param action     what was done: {@code alert.triage}, {@code incident.triage}, {@code comment.add},
 *                   {@code comment.edit}, {@code incident.merged}, {@code token.create}, {@code token.revoke},
 *                   {@code suppression.add}, {@code suppression.delete}, {@code hunt.save}, {@code hunt.delete}
 * @param beforeJson the target's state before, as JSON text; null when it did not exist
 * @param afterJson  the target's state after, as JSON text; null when it no longer exists
 */
public record AuditEntry(long id, Instant at, String actor, String action, TargetKind targetKind, String targetId,
                         String beforeJson, String afterJson) {
}
