package dev.cloudwarden.engine.ingest.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.ingest.parse.JsonFormat;
import dev.cloudwarden.engine.ingest.parse.JsonRecordParser;

/** Google Cloud Audit Logs: a LogEntry with an AuditLog payload, or one written to a {@code cloudaudit} log. */
public final class GcpAuditFormat implements JsonFormat {
    private final GcpAuditParser parser = new GcpAuditParser();

    @Override
    public boolean recognizes(JsonNode record) {
        return record.has("protoPayload") || JsonFormat.text(record, "logName").contains("cloudaudit.googleapis.com");
    }

    @Override
    public JsonRecordParser parser() {
        return parser;
    }
}
