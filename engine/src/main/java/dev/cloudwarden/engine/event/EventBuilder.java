package dev.cloudwarden.engine.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Assembles an {@link Event} part by part; parsers fill what their source logs and leave the rest. */
public final class EventBuilder {
    private final SourceType source;
    private final Instant time;
    private final RawRecord raw;
    private OcsfClass ocsfClass;
    private LogSource logSource;
    private Cloud cloud = Cloud.NONE;
    private Actor actor = Actor.NONE;
    private Endpoint src = Endpoint.NONE;
    private Endpoint dst = Endpoint.NONE;
    private Operation operation = Operation.NONE;
    private Outcome outcome = Outcome.UNKNOWN;
    private List<Resource> resources;
    private Traffic traffic = Traffic.NONE;
    private String userAgent;
    private Origin origin;
    private String uid;
    private TimeBasis timeBasis = TimeBasis.RECORD;

    EventBuilder(SourceType source, Instant time, RawRecord raw) {
        this.source = source;
        this.time = time;
        this.raw = raw;
        this.ocsfClass = source.defaultClass();
    }

    public EventBuilder ocsfClass(OcsfClass value) { this.ocsfClass = value; return this; }
    public EventBuilder logSource(LogSource value) { this.logSource = value; return this; }
    public EventBuilder cloud(Cloud value) { this.cloud = value; return this; }
    public EventBuilder actor(Actor value) { this.actor = value; return this; }
    public EventBuilder src(Endpoint value) { this.src = value; return this; }
    public EventBuilder dst(Endpoint value) { this.dst = value; return this; }
    public EventBuilder operation(String service, String name) { this.operation = new Operation(service, name); return this; }
    public EventBuilder outcome(Outcome value) { this.outcome = value; return this; }
    public EventBuilder traffic(Traffic value) { this.traffic = value; return this; }
    public EventBuilder userAgent(String value) { this.userAgent = value; return this; }
    public EventBuilder origin(Origin value) { this.origin = value; return this; }
    /** Where the time came from, when it was not the record's own. */
    public EventBuilder timeBasis(TimeBasis value) { this.timeBasis = value; return this; }
    /** The record's own id (empty counts as none). */
    public EventBuilder uid(String value) { this.uid = value == null || value.isEmpty() ? null : value; return this; }

    /** Adds a resource; null ids are skipped because a resource without an id names nothing. */
    public EventBuilder resource(String type, String id) {
        if (id != null && !id.isEmpty()) {
            if (resources == null) {
                resources = new ArrayList<>(2);
            }
            resources.add(new Resource(type, id));
        }
        return this;
    }

    public Event build() {
        return new Event(time, uid, source, logSource, ocsfClass, cloud, actor, src, dst, operation, outcome,
                resources, traffic, userAgent, raw, origin, timeBasis);
    }
}
