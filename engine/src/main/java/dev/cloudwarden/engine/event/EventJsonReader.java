package dev.cloudwarden.engine.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads an event back from CloudWarden's normalized JSON ({@link EventJson}): the inverse of writing it, so alert
 * and incident files can be read by the tools that consume them (eval, intel export, response). Without a
 * {@code raw} member the original record is not known; the event then carries an empty record (rules cannot run
 * on it again, but nothing that reads a file needs them to).
 */
public final class EventJsonReader {
    private EventJsonReader() {
    }

    /** @throws IllegalArgumentException naming the member that is missing or malformed */
    public static Event read(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("an event must be a JSON object");
        }
        Instant time = time(n.get("time"));
        SourceType source = SourceType.byId(text(n, "source"))
                .orElseThrow(() -> new IllegalArgumentException("unknown source '" + text(n, "source") + "'"));
        JsonNode raw = n.get("raw");
        EventBuilder b = Event.builder(source, time, RawRecord.ofTree(raw != null ? raw : Json.NODES.objectNode()));
        b.uid(text(n, "uid"));
        if (n.path("time_inferred").asBoolean(false)) {
            b.timeBasis(TimeBasis.INPUT); // the JSON says only that it was inferred, not from what
        }
        String caption = text(n, "class");
        for (OcsfClass c : OcsfClass.values()) {
            if (c.caption().equals(caption)) {
                b.ocsfClass(c);
            }
        }
        JsonNode ls = n.get("logsource");
        if (ls != null) {
            b.logSource(new LogSource(text(ls, "product"), text(ls, "service"), text(ls, "category")));
        }
        JsonNode c = n.get("cloud");
        if (c != null) {
            b.cloud(new Cloud(text(c, "provider"), text(c, "account"), text(c, "region")));
        }
        JsonNode a = n.get("actor");
        if (a != null) {
            JsonNode mfa = a.get("mfa");
            b.actor(new Actor(text(a, "principal"), text(a, "type"), text(a, "access_key"), text(a, "session"),
                    mfa == null || mfa.isNull() ? null : mfa.asBoolean()));
        }
        b.src(endpoint(n.get("src")));
        b.dst(endpoint(n.get("dst")));
        JsonNode op = n.get("operation");
        if (op != null) {
            b.operation(text(op, "service"), text(op, "name"));
        }
        JsonNode o = n.get("outcome");
        if (o != null) {
            Outcome.Status status = Outcome.Status.valueOf(o.path("status").asText("unknown").toUpperCase(Locale.ROOT));
            b.outcome(new Outcome(status, text(o, "error_code"), text(o, "error_message")));
        }
        for (JsonNode r : n.path("resources")) {
            b.resource(text(r, "type"), text(r, "id"));
        }
        JsonNode t = n.get("traffic");
        if (t != null) {
            b.traffic(new Traffic(number(t, "bytes_in"), number(t, "bytes_out"), number(t, "packets_in"),
                    number(t, "packets_out")));
        }
        b.userAgent(text(n, "user_agent"));
        JsonNode origin = n.get("origin");
        if (origin != null) {
            b.origin(new Origin(text(origin, "input"), origin.path("line").asLong(0), origin.path("record").asLong(-1)));
        }
        return b.build();
    }

    private static Instant time(JsonNode t) {
        if (t == null || !t.isTextual()) {
            throw new IllegalArgumentException("an event needs its time");
        }
        try {
            return Instant.parse(t.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time '" + t.asText() + "' is not an ISO-8601 instant");
        }
    }

    private static Endpoint endpoint(JsonNode n) {
        if (n == null) {
            return Endpoint.NONE;
        }
        JsonNode port = n.get("port");
        return new Endpoint(text(n, "ip"), port == null || !port.canConvertToInt() ? null : port.intValue(), text(n, "host"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Long number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.canConvertToLong() ? null : v.longValue();
    }
}
