package dev.cloudwarden.engine.ingest.read;

/** How records are laid out in an input, decided from its first bytes. */
public enum ContainerFormat {
    /** One JSON object per line (NDJSON). */
    JSON_LINES("json-lines"),
    /** A CloudTrail log file: {@code {"Records":[...]}}, possibly on one line. */
    CLOUDTRAIL_RECORDS("cloudtrail-records"),
    /** {@code aws cloudtrail lookup-events} output: {@code {"Events":[{"CloudTrailEvent":"{...}"}]}}. */
    CLOUDTRAIL_LOOKUP("cloudtrail-lookup-events"),
    /** A CloudTrail digest file: integrity metadata, no events. Skipped. */
    CLOUDTRAIL_DIGEST("cloudtrail-digest"),
    /**
     * A pretty-printed {@code {"records":[...]}} document (Azure diagnostic settings, Event Hubs): streamed like
     * CloudTrail's, each record read as an envelope may be (they mix categories). One-line batches are
     * {@link #JSON_LINES}.
     */
    AZURE_RECORDS("records"),
    /** A top-level JSON array of records. */
    JSON_ARRAY("json-array"),
    /** One or more JSON objects spread over lines (pretty-printed), or several on a line (Firehose writes them so). */
    JSON_STREAM("json-stream"),
    /** Text, one record per line. */
    TEXT_LINES("text"),
    /** Nothing but whitespace. */
    EMPTY("empty");

    private final String label;

    ContainerFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
