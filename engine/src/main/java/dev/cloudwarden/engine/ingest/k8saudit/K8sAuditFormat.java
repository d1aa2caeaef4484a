package dev.cloudwarden.engine.ingest.k8saudit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.LogSource;
import dev.cloudwarden.engine.ingest.parse.JsonFormat;
import dev.cloudwarden.engine.ingest.parse.JsonRecordParser;

import java.util.List;

/**
 * Kubernetes audit events: an {@code audit.k8s.io} {@code Event}, or, where an exporter dropped kind and
 * apiVersion, the members only an audit event has together; trimmed records an {@code Event} with a verb or the
 * object acted on.
 */
public final class K8sAuditFormat implements JsonFormat {
    /** SigmaHQ's Kubernetes rules select the audit log as {@code category: application} too. */
    private static final List<LogSource> ALIASES = List.of(new LogSource("kubernetes", "audit", "application"));

    private final K8sAuditParser parser = new K8sAuditParser();

    @Override
    public boolean recognizes(JsonNode record) {
        if (JsonFormat.text(record, "apiVersion").startsWith("audit.k8s.io")) {
            return true;
        }
        boolean auditMembers = record.has("verb") && (record.has("objectRef") || record.has("requestURI"));
        return JsonFormat.text(record, "kind").equals("Event") ? auditMembers || record.has("auditID")
                : auditMembers && (record.has("auditID") || record.has("stage"));
    }

    @Override
    public JsonRecordParser parser() {
        return parser;
    }

    @Override
    public List<LogSource> aliases() {
        return ALIASES;
    }
}
