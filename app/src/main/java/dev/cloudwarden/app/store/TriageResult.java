package dev.cloudwarden.app.store;

/** One alert's or incident's triage change: its state before and after, and the audit row that records it. */
public record TriageResult(String id, TriageState before, TriageState after, long auditId) {
}
