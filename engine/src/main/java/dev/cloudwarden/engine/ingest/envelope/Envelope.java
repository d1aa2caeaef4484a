package dev.cloudwarden.engine.ingest.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.parse.JsonErrors;
import dev.cloudwarden.engine.ingest.time.Timestamps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * The wrappers logs travel in between their source and a file: a shipper's, a queue's or a cloud's delivery format.
 * Each is recognised by the members it always writes, and unwrapped into the records inside, with the envelope's
 * time (a record without a time of its own takes it) and, where the envelope says so, the records' source. Records
 * inside may be envelopes again (an Event Hubs batch of AKS diagnostic records each holding an audit event); they
 * are unwrapped too, down to {@link #MAX_NESTING} levels.
 *
 * <p>Stateless: one record in, its inner records out, on any thread.
 */
public enum Envelope {
    /** A CloudWatch Logs subscription as Lambda receives it: {@code {"awslogs":{"data": base64 of gzip}}}. */
    CLOUDWATCH_SUBSCRIPTION {
        @Override
        boolean matches(JsonNode n) {
            return n.path("awslogs").path("data").isTextual();
        }

        @Override
        void open(JsonNode n, Context c, Instant time, SourceType hint, int depth) {
            c.decoded(n.path("awslogs").path("data").asText(), "awslogs.data", time, hint, depth);
        }
    },
    /**
     * A CloudWatch Logs subscription payload, decoded ({@code messageType}, {@code logGroup}, {@code logEvents}), as
     * Firehose writes it to S3; a {@code CONTROL_MESSAGE} checks the destination and holds no log.
     */
    CLOUDWATCH_DATA_MESSAGE {
        @Override
        boolean matches(JsonNode n) {
            return n.path("messageType").isTextual() && n.path("logEvents").isArray();
        }

        @Override
        void open(JsonNode n, Context c, Instant time, SourceType hint, int depth) {
            if (n.path("messageType").asText().equals("CONTROL_MESSAGE")) {
                c.out.skip("CloudWatch Logs control message");
                return;
            }
            c.each(n.path("logEvents"), time, hint, depth);
        }
    },
    /**
     * CloudWatch Logs events listed without the subscription's members: {@code aws logs get-log-events} and
     * {@code filter-log-events} output ({@code events}), or a bare {@code logEvents} array.
     */
    CLOUDWATCH_EVENTS {
        @Override
        boolean matches(JsonNode n) {
            JsonNode events = n.has("logEvents") ? n.get("logEvents") : n.path("events");
            return events.isArray() && !events.isEmpty() && LOG_EVENT.matches(events.get(0));
        }

        @Override
        void open(JsonNode n, Context c, Instant time, SourceType hint, int depth) {
            c.each(n.has("logEvents") ? n.get("logEvents") : n.get("events"), time, hint, depth);
        }
    },
    /** One CloudWatch Logs event: {@code {"id", "timestamp" (epoch ms), "message"}}; the message is the log record. */
    LOG_EVENT {
        private static final Set<String> KEYS = Set.of("id", "eventId", "timestamp", "message", "ingestionTime",
                "logStreamName");

        @Override
        boolean matches(JsonNode n) {
            if (!n.path("message").isTextual() || !n.has("timestamp") || n.size() > KEYS.size()) {
                return false;
            }
            for (var it = n.fieldNames(); it.hasNext(); ) {
                if (!KEYS.contains(it.next())) {
                    return false;
                }
            }
            return true;
        }

        @Override
        void open(JsonNode n, Context c, Instant time, SourceType hint, int depth) {
            c.text(n.get("message").asText(), "message", timeOf(n.get("timestamp"), time), hint, depth);
        }
    },
    /**
     * Azure's {@code {"records":[...]}}: an Event Hubs message of diagnostic settings (activity log, sign-ins, resource
     * logs), and a Firehose HTTP endpoint request, whose records are {@code {"data": base64}}.
     */
    RECORDS {
        @Override
        boolean matches(JsonNode n) {
            return n.path("records").isArray();
        }

        @Override
        void open(JsonNode n, Context c, Instant time, SourceType hint, int depth) {
            for (JsonNode r : n.get("records")) {
                if (r.size() == 1 && r.path("data").isTextual()) {
                    c.decoded(r.get("data").asText(), "records[].data", time, hint, depth);
                } else {
                    c.tree(r, time, hint, depth);
                }
            }
        }
    },
    /**
     * An AKS diagnostic record of the {@code kube-audit} (or {@code kube-audit-admin}) category: the Kubernetes
     * audit event is a JSON string in {@code properties.log}.
     */
    AKS_KUBE_AUDIT {
        @Override
        boolean matches(JsonNode n) {
            String category = n.path("category").asText("").toLowerCase(Locale.ROOT);
            return category.startsWith("kube-audit") && n.path("properties").path("log").isTextual();
        }

        @Override
        void open(JsonNode n, Context c, Instant time, SourceType hint, int depth) {
            c.text(n.get("properties").get("log").asText(), "properties.log", timeOf(n.get("time"), time),
                    SourceType.K8S_AUDIT, depth);
        }
    },
    /**
     * A Pub/Sub message as a push subscription posts it ({@code {"message":{"data": base64, "attributes",
     * "publishTime"}, "subscription"}}): a Cloud Logging sink's LogEntry is the data.
     */
    PUBSUB_MESSAGE {
        @Override
        boolean matches(JsonNode n) {
            JsonNode m = n.path("message");
            return m.path("data").isTextual() && (m.has("messageId") || m.has("publishTime") || m.has("attributes")
                    || n.has("subscription"));
        }

        @Override
        void open(JsonNode n, Context c, Instant time, SourceType hint, int depth) {
            JsonNode m = n.get("message");
            c.decoded(m.get("data").asText(), "message.data", timeOf(m.get("publishTime"), time), hint, depth);
        }
    },
    /** A Pub/Sub pull response: {@code {"receivedMessages":[{"ackId", "message":{...}}]}}. */
    PUBSUB_PULL {
        @Override
        boolean matches(JsonNode n) {
            return n.path("receivedMessages").isArray();
        }

        @Override
        void open(JsonNode n, Context c, Instant time, SourceType hint, int depth) {
            c.each(n.get("receivedMessages"), time, hint, depth);
        }
    },
    /**
     * A Logstash, Filebeat or Fluentd event whose {@code message} (or {@code log}) is the original record as a JSON
     * string, with the shipper's {@code @timestamp} (or {@code time}). A message that is not JSON stays in its event:
     * the event is then the record.
     */
    SHIPPER_MESSAGE {
        @Override
        boolean matches(JsonNode n) {
            return (n.has("@timestamp") || n.has("time") || n.has("timestamp")) && jsonObjectText(field(n)) != null;
        }

        @Override
        void open(JsonNode n, Context c, Instant time, SourceType hint, int depth) {
            JsonNode t = n.has("@timestamp") ? n.get("@timestamp") : n.has("time") ? n.get("time") : n.get("timestamp");
            c.text(field(n).asText(), n.path("message").isTextual() ? "message" : "log", timeOf(t, time), hint, depth);
        }

        private JsonNode field(JsonNode n) {
            return n.path("message").isTextual() ? n.get("message") : n.path("log");
        }
    },
    /** A document of an Elasticsearch or OpenSearch export ({@code _index}, {@code _source}). */
    ELASTIC_HIT {
        @Override
        boolean matches(JsonNode n) {
            return n.path("_source").isObject() && (n.has("_index") || n.has("_id"));
        }

        @Override
        void open(JsonNode n, Context c, Instant time, SourceType hint, int depth) {
            c.tree(n.get("_source"), time, hint, depth);
        }
    },
    /** A Kubernetes audit webhook batch: {@code {"kind":"EventList","items":[...]}}. */
    K8S_EVENT_LIST {
        @Override
        boolean matches(JsonNode n) {
            return n.path("kind").asText("").equals("EventList") && n.path("items").isArray();
        }

        @Override
        void open(JsonNode n, Context c, Instant time, SourceType hint, int depth) {
            for (JsonNode item : n.get("items")) {
                c.tree(item, time, SourceType.K8S_AUDIT, depth);
            }
        }
    },
    /** An EventBridge event of a CloudTrail record ("AWS API Call via CloudTrail"): the record is {@code detail}. */
    EVENTBRIDGE_CLOUDTRAIL {
        @Override
        boolean matches(JsonNode n) {
            JsonNode d = n.path("detail");
            return n.has("detail-type") && d.isObject() && d.has("eventSource") && d.has("eventName");
        }

        @Override
        void open(JsonNode n, Context c, Instant time, SourceType hint, int depth) {
            c.tree(n.get("detail"), timeOf(n.get("time"), time), SourceType.CLOUDTRAIL, depth);
        }
    };

    /** Envelopes inside envelopes deeper than this are refused: no real delivery path nests so deep. */
    public static final int MAX_NESTING = 8;

    abstract boolean matches(JsonNode record);

    abstract void open(JsonNode record, Context c, Instant time, SourceType hint, int depth);

    /** The envelope {@code record} is, or null when it is a record. */
    public static Envelope of(JsonNode record) {
        if (record == null || !record.isObject()) {
            return null;
        }
        for (Envelope e : values()) {
            if (e.matches(record)) {
                return e;
            }
        }
        return null;
    }

    /**
     * Unwraps {@code record} (an envelope: {@link #of} is not null) into {@code out}.
     *
     * @param maxBytes the longest inner record or decoded payload accepted, as for a line
     */
    public static void unwrap(JsonNode record, Unwrapped out, int maxBytes) {
        new Context(out, maxBytes).tree(record, null, null, 0);
    }

    private static Instant timeOf(JsonNode value, Instant outer) {
        Instant t = value == null || value.isNull() || value.isContainerNode() ? null : Timestamps.parseLenient(value.asText());
        return t != null ? t : outer;
    }

    /** The text of {@code v} when it is a string holding a JSON object, else null. */
    private static String jsonObjectText(JsonNode v) {
        return v.isTextual() && startsAnObject(v.asText()) ? v.asText() : null;
    }

    /** True when the first character after any whitespace is '{'. */
    static boolean startsAnObject(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return c == '{';
            }
        }
        return false;
    }

    /** One unwrapping: where inner records go and the limits they are held to. */
    static final class Context {
        final Unwrapped out;
        final int maxBytes;

        Context(Unwrapped out, int maxBytes) {
            this.out = out;
            this.maxBytes = maxBytes;
        }

        /** A JSON object: an envelope to open, or a record. */
        void tree(JsonNode n, Instant time, SourceType hint, int depth) {
            if (!n.isObject()) {
                byte[] text = n.toString().getBytes(StandardCharsets.UTF_8);
                out.problem("expected a JSON object inside the envelope, found " + n.getNodeType().name().toLowerCase(Locale.ROOT),
                        text);
                return;
            }
            Envelope e = of(n);
            if (e == null) {
                byte[] json;
                try {
                    json = Json.MAPPER.writeValueAsBytes(n);
                } catch (IOException impossible) {
                    throw new IllegalStateException(impossible);
                }
                record(json, n, time, hint);
            } else if (depth >= MAX_NESTING) {
                out.problem("envelopes nested deeper than " + MAX_NESTING, n.toString().getBytes(StandardCharsets.UTF_8));
            } else {
                e.open(n, this, time, hint, depth + 1);
            }
        }

        void each(JsonNode array, Instant time, SourceType hint, int depth) {
            for (JsonNode element : array) {
                tree(element, time, hint, depth);
            }
        }

        /** A string member holding a record: JSON (perhaps an envelope again) or a line of text. */
        void text(String s, String member, Instant time, SourceType hint, int depth) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > maxBytes) {
                out.problem(member + " is " + bytes.length + " bytes, over the limit of " + maxBytes, null);
                return;
            }
            if (!startsAnObject(s)) {
                if (s.isBlank()) {
                    out.skip("blank " + member);
                } else {
                    out.line(stripNewline(s), time);
                }
                return;
            }
            JsonNode n;
            try {
                n = Json.MAPPER.readTree(bytes);
            } catch (IOException e) {
                out.problem(member + ": " + JsonErrors.reason(e), bytes);
                return;
            }
            if (n == null || !n.isObject()) {
                out.problem(member + ": expected a JSON object", bytes);
            } else if (of(n) != null) {
                tree(n, time, hint, depth);
            } else {
                record(bytes, n, time, hint);
            }
        }

        /** Base64 data: a record, an envelope, or lines of records. */
        void decoded(String base64, String member, Instant time, SourceType hint, int depth) {
            byte[] data;
            try {
                data = Decoding.base64(base64, maxBytes * 16);
            } catch (IOException e) {
                out.problem(member + ": " + e.getMessage(), base64.getBytes(StandardCharsets.UTF_8));
                return;
            }
            String s = new String(data, StandardCharsets.UTF_8);
            String trimmed = s.strip();
            if (trimmed.indexOf('\n') < 0 || trimmed.startsWith("{") && trimmed.endsWith("}") && oneObject(data)) {
                text(trimmed, member, time, hint, depth);
                return;
            }
            for (String line : trimmed.split("\r?\n")) {
                if (!line.isBlank()) {
                    text(line, member, time, hint, depth);
                }
            }
        }

        private void record(byte[] json, JsonNode tree, Instant time, SourceType hint) {
            if (json.length > maxBytes) {
                out.problem("record is " + json.length + " bytes, over the limit of " + maxBytes, null);
            } else {
                out.json(json, tree, time, hint);
            }
        }

        private static boolean oneObject(byte[] data) {
            try (var p = Json.FACTORY.createParser(data)) {
                p.nextToken();
                p.skipChildren();
                return p.nextToken() == null;
            } catch (IOException e) {
                return true; // broken: let text() report it as one record
            }
        }

        private static String stripNewline(String s) {
            int end = s.length();
            while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
                end--;
            }
            return s.substring(0, end);
        }
    }
}
