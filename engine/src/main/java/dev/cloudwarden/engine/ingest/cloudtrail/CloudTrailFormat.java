package dev.cloudwarden.engine.ingest.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.ingest.parse.JsonFormat;
import dev.cloudwarden.engine.ingest.parse.JsonRecordParser;

/** AWS CloudTrail: every record, however delivered (a Records file, a trail's NDJSON, lookup-events), names its event. */
public final class CloudTrailFormat implements JsonFormat {
    private final CloudTrailParser parser = new CloudTrailParser();

    @Override
    public boolean recognizes(JsonNode record) {
        return record.has("eventVersion") && record.has("eventSource") && record.has("eventName");
    }

    @Override
    public JsonRecordParser parser() {
        return parser;
    }
}
