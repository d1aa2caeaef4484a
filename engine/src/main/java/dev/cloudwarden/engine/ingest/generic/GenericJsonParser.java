package dev.cloudwarden.engine.ingest.generic;

import dev.cloudwarden.engine.event.Actor;
import dev.cloudwarden.engine.event.Endpoint;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.EventBuilder;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.json.ExtractedFields;
import dev.cloudwarden.engine.ingest.json.JsonFieldExtractor;
import dev.cloudwarden.engine.ingest.parse.ExtractingJsonParser;
import dev.cloudwarden.engine.ingest.parse.ParseContext;
import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;
import dev.cloudwarden.engine.ingest.time.Timestamps;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;

/**
 * Any JSON object: rules address its fields by their own names, and its Sigma logsource is whatever
 * the user says ({@code --logsource product/service}). Normalization is best effort from the names
 * logs commonly use; a record without any recognizable time gets the epoch, which says "unknown" plainly
 * rather than inventing a time.
 */
final class GenericJsonParser extends ExtractingJsonParser {
    private static final List<String> TIME_FIELDS = List.of("@timestamp", "timestamp", "time", "eventTime",
            "EventTime", "TimeGenerated", "ts", "date", "datetime", "created_at", "createdAt", "published",
            "p_event_time", "CreationTime");
    private static final List<String> SRC_IP_FIELDS = List.of("src_ip", "srcip", "source_ip", "sourceIPAddress",
            "client_ip", "clientIp", "ClientIP", "callerIpAddress", "remote_addr", "ip", "ipAddress");
    private static final List<String> USER_FIELDS = List.of("user", "username", "userName", "user_name",
            "actor", "principal", "UserId");
    private static final List<String> ACTION_FIELDS = List.of("action", "eventName", "event", "operation",
            "operationName", "Operation", "type");
    private static final List<String> UA_FIELDS = List.of("user_agent", "userAgent", "UserAgent", "http_user_agent");

    private static final JsonFieldExtractor EXTRACTOR = new JsonFieldExtractor(
            concat(TIME_FIELDS, SRC_IP_FIELDS, USER_FIELDS, ACTION_FIELDS, UA_FIELDS));

    GenericJsonParser() {
        super(SourceType.GENERIC_JSON, EXTRACTOR);
    }

    @Override
    protected Event build(ExtractedFields f, RawRecord raw, Origin origin, ParseContext context)
            throws RecordRejectedException {
        EventBuilder b = Event.builder(SourceType.GENERIC_JSON, time(f), raw).origin(origin);
        if (context.logSource() != null) {
            b.logSource(context.logSource());
        }
        int base = TIME_FIELDS.size();
        String ip = first(f, base, SRC_IP_FIELDS.size());
        base += SRC_IP_FIELDS.size();
        String user = first(f, base, USER_FIELDS.size());
        base += USER_FIELDS.size();
        String action = first(f, base, ACTION_FIELDS.size());
        base += ACTION_FIELDS.size();
        String agent = first(f, base, UA_FIELDS.size());
        b.src(Endpoint.ip(ip));
        if (user != null) {
            b.actor(Actor.named(user, null));
        }
        b.operation(null, action);
        b.userAgent(agent);
        return b.build();
    }

    private static Instant time(ExtractedFields f) throws RecordRejectedException {
        for (int i = 0; i < TIME_FIELDS.size(); i++) {
            String v = f.nonEmpty(i);
            if (v == null) {
                continue;
            }
            try {
                return Character.isDigit(v.charAt(0)) && v.chars().allMatch(c -> Character.isDigit(c) || c == '.')
                        ? Timestamps.parseEpoch(v) : Timestamps.parseIso(v);
            } catch (DateTimeException e) {
                throw new RecordRejectedException(TIME_FIELDS.get(i) + ": " + e.getMessage());
            }
        }
        return Instant.EPOCH;
    }

    private static String first(ExtractedFields f, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (f.nonEmpty(i) != null) {
                return f.get(i);
            }
        }
        return null;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
