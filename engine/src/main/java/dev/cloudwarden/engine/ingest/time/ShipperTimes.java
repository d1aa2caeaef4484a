package dev.cloudwarden.engine.ingest.time;

import dev.cloudwarden.engine.ingest.json.ExtractedFields;
import dev.cloudwarden.engine.ingest.json.JsonFieldExtractor;
import dev.cloudwarden.engine.ingest.json.JsonScanException;

import java.time.Instant;
import java.util.List;

/**
 * Top-level members that hold a record's time when its source's own field is missing: what shippers and
 * exporters add beside the record (Logstash and Elastic {@code @timestamp}, Panther {@code p_event_time}, GCP
 * {@code receiveTimestamp}, Windows {@code EventTime}) and the names logs without a known source use. Read only
 * when a record lacks its own time, so a record that has one pays nothing for them.
 */
public final class ShipperTimes {
    /** In the order they are tried: the event's time before the time it was received, shipped or parsed. */
    public static final List<String> FIELDS = List.of("@timestamp", "timestamp", "time", "eventTime", "EventTime",
            "TimeGenerated", "eventTimestamp", "ts", "date", "datetime", "created_at", "createdAt", "published",
            "CreationTime", "p_event_time", "receiveTimestamp", "receivetimestamp", "@ingest_time", "p_parse_time");

    private static final JsonFieldExtractor EXTRACTOR = new JsonFieldExtractor(FIELDS);

    private ShipperTimes() {
    }

    /** The first of {@link #FIELDS} in {@code json} (a record already checked to be valid JSON) that is a time, or null. */
    public static Instant find(byte[] json) {
        if (json == null) {
            return null;
        }
        ExtractedFields f;
        try {
            f = EXTRACTOR.extract(json, Integer.MAX_VALUE);
        } catch (JsonScanException e) {
            return null;
        }
        return first(f, 0, FIELDS.size());
    }

    /** The first value of slots {@code from} to {@code from + count} that {@link Timestamps#parseLenient} reads, or null. */
    public static Instant first(ExtractedFields f, int from, int count) {
        for (int i = from; i < from + count; i++) {
            Instant t = Timestamps.parseLenient(f.nonEmpty(i));
            if (t != null) {
                return t;
            }
        }
        return null;
    }
}
