package dev.cloudwarden.engine.incident;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Actor;
import dev.cloudwarden.engine.event.Cloud;
import dev.cloudwarden.engine.event.Endpoint;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.EventBuilder;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.alert.Level;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds alerts with one event each, at minutes after a fixed origin. */
final class TestAlerts {
    static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");

    private final String id;
    private long millis;
    private String rule;
    private Level level = Level.MEDIUM;
    private final List<String> tags = new ArrayList<>();
    private SourceType source = SourceType.CLOUDTRAIL;
    private Actor actor = Actor.NONE;
    private Endpoint src = Endpoint.NONE;
    private Endpoint dst = Endpoint.NONE;
    private Cloud cloud = Cloud.NONE;
    private final List<String[]> resources = new ArrayList<>();

    private TestAlerts(String id) {
        this.id = id;
        this.rule = "rule-" + id;
    }

    static TestAlerts alert(String id) {
        return new TestAlerts(id);
    }

    static Instant minute(long m) {
        return T0.plus(Duration.ofMinutes(m));
    }

    TestAlerts at(long minutes) {
        this.millis = minutes * 60_000;
        return this;
    }

    TestAlerts atMillis(long ms) {
        this.millis = ms;
        return this;
    }

    TestAlerts rule(String value) {
        this.rule = value;
        return this;
    }

    TestAlerts level(Level value) {
        this.level = value;
        return this;
    }

    TestAlerts tags(String... values) {
        tags.addAll(List.of(values));
        return this;
    }

    TestAlerts source(SourceType value) {
        this.source = value;
        return this;
    }

    TestAlerts principal(String value) {
        this.actor = new Actor(value, actor.principalType(), actor.accessKeyId(), null, null);
        return this;
    }

    TestAlerts principalType(String value) {
        this.actor = new Actor(actor.principal(), value, actor.accessKeyId(), null, null);
        return this;
    }

    TestAlerts key(String value) {
        this.actor = new Actor(actor.principal(), actor.principalType(), value, null, null);
        return this;
    }

    TestAlerts srcIp(String value) {
        this.src = Endpoint.ip(value);
        return this;
    }

    TestAlerts srcHost(String value) {
        this.src = new Endpoint(null, null, value);
        return this;
    }

    TestAlerts dstIp(String value) {
        this.dst = Endpoint.ip(value);
        return this;
    }

    TestAlerts dstHost(String value) {
        this.dst = new Endpoint(dst.ip(), null, value);
        return this;
    }

    TestAlerts account(String value) {
        this.cloud = Cloud.aws(value, "us-east-1");
        return this;
    }

    TestAlerts region(String value) {
        this.cloud = Cloud.aws(cloud == null ? null : cloud.account(), value);
        return this;
    }

    TestAlerts resource(String type, String value) {
        resources.add(new String[] {type, value});
        return this;
    }

    Event event() {
        byte[] raw = ("{\"alert\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
        EventBuilder b = Event.builder(source, T0.plusMillis(millis), RawRecord.ofJson(raw))
                .actor(actor).src(src).dst(dst).cloud(cloud);
        for (String[] r : resources) {
            b.resource(r[0], r[1]);
        }
        return b.build();
    }

    Alert build() {
        return new Alert(id, rule, "Rule " + rule, level, T0.plusMillis(millis), tags, List.of(event()));
    }
}
