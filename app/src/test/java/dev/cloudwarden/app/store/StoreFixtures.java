package dev.cloudwarden.app.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.event.Actor;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Alerts for store tests: one CloudTrail-like event each, its raw record built as JSON (any strings stay intact). */
final class StoreFixtures {
    static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");

    private StoreFixtures() {
    }

    static Alert alert(String id, String rule, Level level, Instant time, String principal, List<String> tags) {
        ObjectNode raw = JsonNodeFactory.instance.objectNode();
        raw.put("eventName", "ConsoleLogin");
        raw.put("alert", id);
        raw.putObject("userIdentity").put("arn", principal);
        Event e = Event.builder(SourceType.CLOUDTRAIL, time, RawRecord.ofJson(raw.toString().getBytes(StandardCharsets.UTF_8)))
                .actor(new Actor(principal, "IAMUser", null, null, null))
                .build();
        return new Alert(id, rule, "Rule " + rule, level, time, tags, List.of(e));
    }

    /** An alert on an S3 read that sent {@code bytes} to {@code principal} (CloudTrail's bytesTransferredOut). */
    static Alert download(String id, Level level, Instant time, String principal, long bytes, List<String> tags) {
        ObjectNode raw = JsonNodeFactory.instance.objectNode();
        raw.put("eventName", "GetObject");
        raw.put("alert", id);
        Event e = Event.builder(SourceType.CLOUDTRAIL, time, RawRecord.ofJson(raw.toString().getBytes(StandardCharsets.UTF_8)))
                .actor(new Actor(principal, "IAMUser", null, null, null))
                .operation("s3.amazonaws.com", "GetObject")
                .traffic(new dev.cloudwarden.engine.event.Traffic(bytes, 0L, null, null))
                .build();
        return new Alert(id, "download", "Rule download", level, time, tags, List.of(e));
    }

    /** The same alert standing for {@code count} matches up to {@code last}. */
    static Alert grouped(Alert a, long count, Instant last) {
        return a.grouped(new Alert.Occurrences(count, a.time(), last, "key-" + a.id()), a.events());
    }
}
