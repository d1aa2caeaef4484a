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
import dev.cloudwarden.engine.ingest.time.ShipperTimes;
import dev.cloudwarden.engine.event.TimeBasis;

import java.time.Instant;
import java.util.List;

/**
 * Any JSON object: rules address its fields by their own names, and its Sigma logsource is whatever
 * the user says ({@code --logsource product/service}). Normalization is best effort from the names
 * logs commonly use; a record without any recognizable time gets an inferred one (the previous event's, else the
 * input's), marked as such.
 */
final class GenericJsonParser extends ExtractingJsonParser {
    /** A record of no known source has no own time field: the names shippers and loggers use are its own. */
    private static final List<String> TIME_FIELDS = ShipperTimes.FIELDS;
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
        Instant time = ShipperTimes.first(f, 0, TIME_FIELDS.size());
        EventBuilder b = time != null ? Event.builder(SourceType.GENERIC_JSON, time, raw)
                : Event.builder(SourceType.GENERIC_JSON, inputTime(context), raw).timeBasis(TimeBasis.INPUT);
        b.origin(origin);
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
