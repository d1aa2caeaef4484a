package dev.cloudwarden.app.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Actor;
import dev.cloudwarden.engine.event.Endpoint;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.OcsfClass;
import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.event.Resource;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.event.Traffic;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Events as OCSF 1.1.0 objects of their class (API Activity, Authentication, Network, HTTP, DNS, Email Activity,
 * Base Event), NDJSON, each with only the attributes its class defines and every one it requires (checked against
 * the schema compiled from OCSF's own source in the tests). The {@code cloud} profile is declared whenever the
 * {@code cloud} object is written. What a class has no attribute for stays in the original record, which goes to
 * {@code raw_data} when asked, as OCSF intends; a Base Event carries the normalized parts in {@code unmapped}.
 */
public final class OcsfEventWriter implements EventWriter {
    private static final Map<SourceType, String> PROVIDERS = new EnumMap<>(Map.ofEntries(
            Map.entry(SourceType.CLOUDTRAIL, "AWS CloudTrail"), Map.entry(SourceType.VPC_FLOW, "Amazon VPC Flow Logs"),
            Map.entry(SourceType.S3_ACCESS, "Amazon S3 server access logs"),
            Map.entry(SourceType.ROUTE53_RESOLVER, "Amazon Route 53 Resolver"), Map.entry(SourceType.K8S_AUDIT, "Kubernetes audit"),
            Map.entry(SourceType.AZURE_ACTIVITY, "Azure Activity Log"), Map.entry(SourceType.AZURE_SIGNIN, "Microsoft Entra ID sign-in logs"),
            Map.entry(SourceType.GCP_AUDIT, "Google Cloud Audit Logs"), Map.entry(SourceType.SSHD, "OpenSSH sshd"),
            Map.entry(SourceType.WEB_ACCESS, "web server access log"), Map.entry(SourceType.DOCKER, "Docker daemon"),
            Map.entry(SourceType.YARN, "Hadoop YARN ResourceManager"), Map.entry(SourceType.EXIM, "Exim")));
    private static final Set<String> OUTBOUND_MAIL = Set.of("delivered", "suppressed", "failed", "deferred");

    private final JsonGenerator g;
    private final boolean raw;
    private final Clock clock;

    public OcsfEventWriter(OutputStream out, boolean raw) throws IOException {
        this(out, raw, Clock.systemUTC());
    }

    /** @param clock the processing time, the event's time when its source gives none (OCSF requires one) */
    public OcsfEventWriter(OutputStream out, boolean raw, Clock clock) throws IOException {
        this.g = SafeJsonEscapes.newlineSeparated(out);
        this.raw = raw;
        this.clock = clock;
    }

    @Override
    public void write(Event e) throws IOException {
        OcsfClass cls = e.ocsfClass();
        OcsfActivity activity = OcsfActivity.of(e);
        boolean cloud = OcsfObjects.hasCloud(e);
        g.writeStartObject();
        g.writeNumberField("class_uid", cls.classUid());
        g.writeStringField("class_name", cls.caption());
        g.writeNumberField("category_uid", cls.categoryUid());
        g.writeStringField("category_name", cls.categoryCaption());
        g.writeNumberField("activity_id", activity.id());
        g.writeStringField("activity_name", activity.name());
        g.writeNumberField("type_uid", cls.classUid() * 100L + activity.id());
        g.writeNumberField("severity_id", 1);
        g.writeStringField("severity", "Informational");
        // the epoch is how a parser says the record had no time: OCSF requires one, so it is when CloudWarden read it
        boolean timeless = e.time().equals(Instant.EPOCH);
        long processed = clock.millis();
        g.writeNumberField("time", timeless ? processed : e.time().toEpochMilli());
        Outcome o = e.outcome();
        g.writeNumberField("status_id", switch (o.status()) {
            case SUCCESS -> 1;
            case FAILURE -> 2;
            case UNKNOWN -> 0;
        });
        g.writeStringField("status", switch (o.status()) {
            case SUCCESS -> "Success";
            case FAILURE -> "Failure";
            case UNKNOWN -> "Unknown";
        });
        OcsfObjects.str(g, "status_code", o.errorCode());
        OcsfObjects.str(g, "status_detail", o.errorMessage());
        OcsfObjects.metadata(g, e.source().id(), PROVIDERS.get(e.source()), e.uid(), cloud, timeless ? processed : null);
        if (cloud) {
            OcsfObjects.cloud(g, e);
        }
        boolean baseEvent = false; // a class without attributes of its own for the normalized parts
        switch (cls) {
            case API_ACTIVITY -> apiActivity(e);
            case AUTHENTICATION -> authentication(e);
            case NETWORK_ACTIVITY -> network(e);
            case HTTP_ACTIVITY -> http(e);
            case DNS_ACTIVITY -> dns(e);
            case EMAIL_ACTIVITY -> email(e);
            default -> baseEvent = true;
        }
        unmapped(e, baseEvent);
        if (raw) {
            g.writeStringField("raw_data", e.raw().text());
        }
        g.writeEndObject();
    }

    private void apiActivity(Event e) throws IOException {
        OcsfObjects.actor(g, e.actor());
        OcsfObjects.api(g, e);
        OcsfObjects.endpoint(g, "src_endpoint", e.src());
        if (OcsfObjects.named(e.dst())) {
            OcsfObjects.endpoint(g, "dst_endpoint", e.dst());
        }
        userAgent(e);
        if (!e.resources().isEmpty()) {
            OcsfObjects.resources(g, e);
        }
    }

    private void authentication(Event e) throws IOException {
        OcsfObjects.user(g, "user", e.actor());
        if (e.actor().mfaUsed() != null) {
            g.writeBooleanField("is_mfa", e.actor().mfaUsed());
        }
        if (e.actor().session() != null) {
            g.writeObjectFieldStart("session");
            g.writeStringField("uid", e.actor().session());
            g.writeEndObject();
        }
        // the class wants the service or the host logged on to: the service is always known
        g.writeObjectFieldStart("service");
        g.writeStringField("name", e.operation().service() != null ? e.operation().service() : e.source().id());
        g.writeEndObject();
        if (OcsfObjects.named(e.src())) {
            OcsfObjects.endpoint(g, "src_endpoint", e.src());
        }
        if (OcsfObjects.named(e.dst())) {
            OcsfObjects.endpoint(g, "dst_endpoint", e.dst());
        }
        userAgent(e);
    }

    private void network(Event e) throws IOException {
        OcsfObjects.endpoint(g, "src_endpoint", e.src());
        OcsfObjects.endpoint(g, "dst_endpoint", e.dst());
        traffic(e);
    }

    private void http(Event e) throws IOException {
        JsonNode fields = e.raw().tree(); // a line's fields, as its parser named them
        g.writeObjectFieldStart("http_request");
        String method = e.operation().name();
        if (method != null && OcsfActivity.HTTP_METHODS.containsKey(method)) {
            g.writeStringField("http_method", method);
        }
        String path = text(fields, "cs-uri-stem");
        if (path != null) {
            g.writeObjectFieldStart("url");
            g.writeStringField("path", path);
            OcsfObjects.str(g, "hostname", text(fields, "cs-host"));
            OcsfObjects.str(g, "query_string", text(fields, "cs-uri-query"));
            g.writeEndObject();
        }
        OcsfObjects.str(g, "user_agent", e.userAgent());
        OcsfObjects.str(g, "version", text(fields, "cs-version"));
        g.writeEndObject();
        g.writeObjectFieldStart("http_response");
        // 0 when no response was sent (ALB logs '-' when the client went away first)
        JsonNode status = fields == null ? null : fields.get("sc-status");
        g.writeNumberField("code", status != null && status.canConvertToInt() ? status.asInt() : 0);
        g.writeEndObject();
        OcsfObjects.endpoint(g, "src_endpoint", e.src());
        OcsfObjects.endpoint(g, "dst_endpoint", e.dst());
        traffic(e);
    }

    private void dns(Event e) throws IOException {
        OcsfObjects.query(g, e);
        OcsfObjects.endpoint(g, "src_endpoint", e.src());
        if (e.dst().ip() != null) { // the resolver asked, when logged; the name asked for is the query's
            OcsfObjects.endpoint(g, "dst_endpoint", new Endpoint(e.dst().ip(), e.dst().port(), null));
        }
    }

    private void email(Event e) throws IOException {
        JsonNode fields = e.raw().tree(); // a line's fields, as its parser named them
        String op = e.operation().name();
        int direction = "received".equals(op) ? 1 : OUTBOUND_MAIL.contains(op) ? 2 : 0;
        g.writeNumberField("direction_id", direction);
        g.writeStringField("direction", direction == 1 ? "Inbound" : direction == 2 ? "Outbound" : "Unknown");
        g.writeObjectFieldStart("email");
        String sender = text(fields, "sender");
        g.writeStringField("from", sender != null ? sender : OcsfObjects.UNKNOWN);
        g.writeArrayFieldStart("to");
        String address = text(fields, "address");
        g.writeString(direction == 2 && address != null ? address : OcsfObjects.UNKNOWN);
        g.writeEndArray();
        OcsfObjects.str(g, "uid", text(fields, "message_id"));
        OcsfObjects.str(g, "message_uid", text(fields, "id"));
        if (fields != null && fields.path("size").canConvertToLong()) {
            g.writeNumberField("size", fields.get("size").asLong());
        }
        g.writeEndObject();
        if (OcsfObjects.named(e.src())) {
            OcsfObjects.endpoint(g, "src_endpoint", e.src());
        }
        if (OcsfObjects.named(e.dst())) {
            OcsfObjects.endpoint(g, "dst_endpoint", e.dst());
        }
    }

    /**
     * What OCSF has no attribute for, in one {@code unmapped} object: a Base Event's actor, endpoints and operation
     * under CloudWarden's names, and {@code time_inferred} when the time is not the record's own (OCSF has no way to
     * say a time is a guess; unmapped is where a producer's own facts go).
     */
    private void unmapped(Event e, boolean baseEvent) throws IOException {
        Actor a = e.actor();
        boolean parts = baseEvent && (!a.isEmpty() || !e.src().isEmpty() || !e.dst().isEmpty()
                || e.operation().name() != null || e.userAgent() != null || !e.resources().isEmpty());
        if (!parts && !e.timeInferred()) {
            return;
        }
        g.writeObjectFieldStart("unmapped");
        if (parts) {
            OcsfObjects.str(g, "actor", a.principal());
            OcsfObjects.str(g, "src_ip", e.src().ip());
            OcsfObjects.str(g, "src_host", e.src().host());
            OcsfObjects.str(g, "dst_ip", e.dst().ip());
            OcsfObjects.str(g, "dst_host", e.dst().host());
            OcsfObjects.str(g, "service", e.operation().service());
            OcsfObjects.str(g, "operation", e.operation().name());
            OcsfObjects.str(g, "user_agent", e.userAgent());
            if (!e.resources().isEmpty()) {
                g.writeArrayFieldStart("resources");
                for (Resource r : e.resources()) {
                    g.writeString(r.type() == null ? r.id() : r.type() + " " + r.id());
                }
                g.writeEndArray();
            }
        }
        if (e.timeInferred()) {
            g.writeBooleanField("time_inferred", true);
        }
        g.writeEndObject();
    }

    private void userAgent(Event e) throws IOException {
        if (e.userAgent() != null) {
            g.writeObjectFieldStart("http_request");
            g.writeStringField("user_agent", e.userAgent());
            g.writeEndObject();
        }
    }

    private void traffic(Event e) throws IOException {
        Traffic t = e.traffic();
        if (!t.isEmpty()) {
            g.writeObjectFieldStart("traffic");
            OcsfObjects.num(g, "bytes_in", t.bytesIn());
            OcsfObjects.num(g, "bytes_out", t.bytesOut());
            OcsfObjects.num(g, "packets_in", t.packetsIn());
            OcsfObjects.num(g, "packets_out", t.packetsOut());
            g.writeEndObject();
        }
    }

    private static String text(JsonNode fields, String name) {
        JsonNode v = fields == null ? null : fields.get(name);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    @Override
    public void close() throws IOException {
        g.writeRaw('\n');
        g.flush();
    }
}
