package dev.cloudwarden.engine.ingest.yarn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.engine.event.Actor;
import dev.cloudwarden.engine.event.Endpoint;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.EventBuilder;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.OcsfClass;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.parse.LineParser;
import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;
import dev.cloudwarden.engine.ingest.time.Timestamps;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;

/**
 * One ResourceManager log's lines. Audit lines become API events with their KEY=VALUE pairs as raw
 * fields, named as logged ({@code USER}, {@code IP}, {@code OPERATION}, {@code RESULT}, {@code APPID}...);
 * every line also has {@code level} and {@code logger}, and other lines their {@code message}.
 *
 * <p>The ApplicationMaster launcher's lines also name where an application runs and what it runs (see
 * {@link ContainerLaunches}): the node as the event's destination host, and {@code container_id},
 * {@code application_id}, {@code node} and {@code command} as raw fields.
 *
 * <p>log4j writes no zone, so times are read as UTC (what Hadoop's cloud images run in). A line that does
 * not start with a digit continues the line before it (stack traces, the STARTUP_MSG banner): it becomes a
 * log event at that line's time with {@code continuation: true}, rather than a rejection.
 */
final class YarnParser implements LineParser {
    private Instant lastTime;
    private final ContainerLaunches containers = new ContainerLaunches();

    @Override
    public Event parse(String line, Origin origin) throws RecordRejectedException {
        Log4jLine l = Log4jLine.parse(line);
        if (l == null) {
            return continuation(line, origin);
        }
        Instant time;
        try {
            time = Timestamps.parseIso(l.timeText());
        } catch (DateTimeException e) {
            throw new RecordRejectedException("timestamp '" + l.timeText() + "' is not a log4j ISO8601 time");
        }
        lastTime = time;
        ObjectNode raw = Json.NODES.objectNode();
        raw.put("level", l.level());
        raw.put("logger", l.logger());
        if (l.thread() != null) {
            raw.put("thread", l.thread());
        }
        EventBuilder b = Event.builder(SourceType.YARN, time, RawRecord.ofLine(line, raw)).origin(origin);
        if (AuditPairs.isAudit(l)) {
            audit(AuditPairs.parse(l.message()), raw, b);
        } else {
            raw.put("message", l.message());
            b.ocsfClass(OcsfClass.BASE_EVENT).operation("yarn", "log");
            containers.read(l.message(), raw, b);
        }
        return b.build();
    }

    private static void audit(Map<String, String> pairs, ObjectNode raw, EventBuilder b) {
        pairs.forEach(raw::put);
        String user = pairs.get("USER");
        if (user != null && !user.isEmpty()) {
            b.actor(Actor.named(user, null));
        }
        b.src(Endpoint.ip(pairs.get("IP")));
        b.operation("yarn", pairs.get("OPERATION"));
        String result = pairs.get("RESULT");
        b.outcome("SUCCESS".equals(result) ? Outcome.SUCCESS
                : "FAILURE".equals(result) ? Outcome.failure(null, pairs.get("DESCRIPTION")) : Outcome.UNKNOWN);
        b.resource("YARN::Application", pairs.get("APPID"));
        b.resource("YARN::ApplicationAttempt", pairs.get("APPATTEMPTID"));
        b.resource("YARN::Container", pairs.get("CONTAINERID"));
        b.resource("YARN::Queue", pairs.get("QUEUENAME"));
    }

    private Event continuation(String line, Origin origin) throws RecordRejectedException {
        if (Character.isDigit(line.charAt(0))) {
            String start = line.length() > 30 ? line.substring(0, 30) + "..." : line;
            throw new RecordRejectedException("'" + start + "' does not start like a log4j line "
                    + "(expected 'yyyy-MM-dd HH:mm:ss,SSS LEVEL logger: message')");
        }
        if (lastTime == null) {
            throw new RecordRejectedException("not a log4j line, and no earlier line for it to continue");
        }
        ObjectNode raw = Json.NODES.objectNode();
        raw.put("message", line);
        raw.put("continuation", true);
        return Event.builder(SourceType.YARN, lastTime, RawRecord.ofLine(line, raw)).origin(origin)
                .ocsfClass(OcsfClass.BASE_EVENT).operation("yarn", "log").build();
    }
}
