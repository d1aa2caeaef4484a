package dev.cloudwarden.engine.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One normalized log record. Every source maps onto the same parts (the OCSF idea), so detections,
 * correlations and incidents can speak of "the actor" or "the source address" whatever the cloud;
 * {@link #raw()} keeps the original record so Sigma rules can still address the source's own field
 * names ({@code requestParameters.bucketName}).
 *
 * @param time       when it happened (the source's event time, not the time we read it)
 * @param uid        the record's own id, for an analyst to pivot on: CloudTrail {@code eventID}, Kubernetes
 *                   {@code auditID}, GCP {@code insertId}, Azure's operation or correlation id; null when the
 *                   source has none
 * @param source     which parser produced it
 * @param logSource  the Sigma logsource rules select it by
 * @param ocsfClass  the OCSF class it normalizes into
 * @param cloud      provider, account and region
 * @param actor      who acted
 * @param src        where the request or connection came from
 * @param dst        where it went
 * @param operation  service and operation name
 * @param outcome    success or failure, with error code and message
 * @param resources  resources touched, in the order the source lists them
 * @param traffic    bytes and packets moved
 * @param userAgent  the client's user agent, when logged
 * @param raw        the original record
 * @param origin     input and line it was read from
 * @param timeBasis  where {@code time} came from: the record itself, or an inference when it had no usable time
 */
public record Event(
        Instant time,
        String uid,
        SourceType source,
        LogSource logSource,
        OcsfClass ocsfClass,
        Cloud cloud,
        Actor actor,
        Endpoint src,
        Endpoint dst,
        Operation operation,
        Outcome outcome,
        List<Resource> resources,
        Traffic traffic,
        String userAgent,
        RawRecord raw,
        Origin origin,
        TimeBasis timeBasis) {

    public Event {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(ocsfClass, "ocsfClass");
        logSource = Objects.requireNonNullElse(logSource, source.logSource());
        cloud = Objects.requireNonNullElse(cloud, Cloud.NONE);
        actor = Objects.requireNonNullElse(actor, Actor.NONE);
        src = Objects.requireNonNullElse(src, Endpoint.NONE);
        dst = Objects.requireNonNullElse(dst, Endpoint.NONE);
        operation = Objects.requireNonNullElse(operation, Operation.NONE);
        outcome = Objects.requireNonNullElse(outcome, Outcome.UNKNOWN);
        resources = resources == null ? List.of() : List.copyOf(resources);
        traffic = Objects.requireNonNullElse(traffic, Traffic.NONE);
        Objects.requireNonNull(raw, "raw");
        timeBasis = Objects.requireNonNullElse(timeBasis, TimeBasis.RECORD);
    }

    /** True when the record had no usable time of its own and {@link #time()} was inferred (see {@link TimeBasis}). */
    public boolean timeInferred() {
        return timeBasis != TimeBasis.RECORD;
    }

    /** This event read at {@code where}. */
    public Event withOrigin(Origin where) {
        return new Event(time, uid, source, logSource, ocsfClass, cloud, actor, src, dst, operation, outcome,
                resources, traffic, userAgent, raw, where, timeBasis);
    }

    /** This event with another time, inferred on {@code basis}. */
    public Event withTime(Instant newTime, TimeBasis basis) {
        return new Event(newTime, uid, source, logSource, ocsfClass, cloud, actor, src, dst, operation, outcome,
                resources, traffic, userAgent, raw, origin, basis);
    }

    public static EventBuilder builder(SourceType source, Instant time, RawRecord raw) {
        return new EventBuilder(source, time, raw);
    }
}
