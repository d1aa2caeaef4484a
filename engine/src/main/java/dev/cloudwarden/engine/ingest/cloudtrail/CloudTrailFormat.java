package dev.cloudwarden.engine.ingest.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.ingest.parse.JsonFormat;
import dev.cloudwarden.engine.ingest.parse.JsonRecordParser;

/**
 * AWS CloudTrail: every record, however delivered (a Records file, a trail's NDJSON, lookup-events), names its event.
 * Trimmed records (test events, exports that dropped members) are still recognised by the event's name beside the
 * service that logged it or the identity that called.
 */
public final class CloudTrailFormat implements JsonFormat {
    private final CloudTrailParser parser = new CloudTrailParser();

    @Override
    public boolean recognizes(JsonNode record) {
        if (!record.has("eventName")) {
            return false;
        }
        return record.has("eventSource") || record.has("eventVersion") || record.path("userIdentity").has("type");
    }

    @Override
    public JsonRecordParser parser() {
        return parser;
    }
}
