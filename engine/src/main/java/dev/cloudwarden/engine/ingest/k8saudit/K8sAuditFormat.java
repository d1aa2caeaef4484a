package dev.cloudwarden.engine.ingest.k8saudit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.LogSource;
import dev.cloudwarden.engine.ingest.parse.JsonFormat;
import dev.cloudwarden.engine.ingest.parse.JsonRecordParser;

import java.util.List;

/**
 * Kubernetes audit events: an {@code audit.k8s.io} {@code Event}, or, where an exporter dropped kind and
 * apiVersion, the members only an audit event has together.
 */
public final class K8sAuditFormat implements JsonFormat {
    /** SigmaHQ's Kubernetes rules select the audit log as {@code category: application} too. */
    private static final List<LogSource> ALIASES = List.of(new LogSource("kubernetes", "audit", "application"));

    private final K8sAuditParser parser = new K8sAuditParser();

    @Override
    public boolean recognizes(JsonNode record) {
        return JsonFormat.text(record, "kind").equals("Event") && JsonFormat.text(record, "apiVersion").startsWith("audit.k8s.io")
                || record.has("auditID") && record.has("verb") && record.has("requestURI");
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
