package dev.cloudwarden.engine.ingest.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.ingest.parse.JsonFormat;
import dev.cloudwarden.engine.ingest.parse.JsonRecordParser;

/** Azure Activity Log records in either shape: an operation on a resource (its time may have been trimmed). */
public final class AzureActivityFormat implements JsonFormat {
    private final AzureActivityParser parser = new AzureActivityParser();

    @Override
    public boolean recognizes(JsonNode record) {
        return record.has("operationName") && (record.has("resourceId") || record.has("resourceUri"));
    }

    @Override
    public JsonRecordParser parser() {
        return parser;
    }
}
