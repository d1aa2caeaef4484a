package dev.cloudwarden.app.output;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.engine.event.Actor;
import dev.cloudwarden.engine.event.Endpoint;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.OcsfClass;
import dev.cloudwarden.engine.event.Outcome;
import dev.cloudwarden.engine.event.Resource;
import dev.cloudwarden.engine.event.Traffic;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Events as OCSF 1.1 objects of their class (API Activity, Authentication, Network, HTTP, DNS, Email
 * Activity), NDJSON. The original record goes to {@code raw_data} when asked, as OCSF intends.
 */
public final class OcsfEventWriter implements EventWriter {
    private static final String OCSF_VERSION = "1.1.0";

    private final JsonGenerator g;
    private final boolean raw;

    public OcsfEventWriter(OutputStream out, boolean raw) throws IOException {
        this.g = SafeJsonEscapes.newlineSeparated(out);
        this.raw = raw;
    }

    @Override
    public void write(Event e) throws IOException {
        OcsfClass cls = e.ocsfClass();
        int activityId = 0; // Unknown: most sources do not say create/read/update/delete in a mappable way
        g.writeStartObject();
        g.writeNumberField("class_uid", cls.classUid());
        g.writeStringField("class_name", cls.caption());
        g.writeNumberField("category_uid", cls.categoryUid());
        g.writeNumberField("activity_id", activityId);
        g.writeNumberField("type_uid", cls.classUid() * 100L + activityId);
        g.writeNumberField("severity_id", 1);
        g.writeNumberField("time", e.time().toEpochMilli());
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
        str("status_code", o.errorCode());
        str("status_detail", o.errorMessage());
        g.writeObjectFieldStart("metadata");
        g.writeStringField("version", OCSF_VERSION);
        g.writeObjectFieldStart("product");
        g.writeStringField("name", "CloudWarden");
        g.writeStringField("vendor_name", "CloudWarden");
        g.writeEndObject();
        g.writeStringField("log_name", e.source().id());
        if (e.uid() != null) {
            g.writeStringField("uid", e.uid()); // the record's own id (CloudTrail eventID...), for pivoting
        }
        if (e.origin() != null) {
            g.writeStringField("log_provider", e.origin().toString());
        }
        g.writeEndObject();
        if (e.cloud().provider() != null || e.cloud().account() != null) {
            g.writeObjectFieldStart("cloud");
            str("provider", e.cloud().provider());
            str("region", e.cloud().region());
            if (e.cloud().account() != null) {
                g.writeObjectFieldStart("account");
                g.writeStringField("uid", e.cloud().account());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        actor(e.actor());
        endpoint("src_endpoint", e.src());
        endpoint("dst_endpoint", e.dst());
        if (cls == OcsfClass.API_ACTIVITY || e.operation().name() != null) {
            g.writeObjectFieldStart("api");
            str("operation", e.operation().name());
            if (e.operation().service() != null) {
                g.writeObjectFieldStart("service");
                g.writeStringField("name", e.operation().service());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        if (e.userAgent() != null) {
            g.writeObjectFieldStart("http_request");
            g.writeStringField("user_agent", e.userAgent());
            g.writeEndObject();
        }
        if (!e.resources().isEmpty()) {
            g.writeArrayFieldStart("resources");
            for (Resource r : e.resources()) {
                g.writeStartObject();
                str("type", r.type());
                str("uid", r.id());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        Traffic t = e.traffic();
        if (!t.isEmpty()) {
            g.writeObjectFieldStart("traffic");
            num("bytes_in", t.bytesIn());
            num("bytes_out", t.bytesOut());
            num("packets_in", t.packetsIn());
            num("packets_out", t.packetsOut());
            g.writeEndObject();
        }
        if (e.timeInferred()) {
            // OCSF has no attribute for "this time is a guess": unmapped is where a producer's own facts go.
            g.writeObjectFieldStart("unmapped");
            g.writeBooleanField("time_inferred", true);
            g.writeEndObject();
        }
        if (raw) {
            g.writeStringField("raw_data", e.raw().text());
        }
        g.writeEndObject();
    }

    private void actor(Actor a) throws IOException {
        if (a.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart("actor");
        g.writeObjectFieldStart("user");
        str("uid", a.principal());
        str("type", a.principalType());
        str("credential_uid", a.accessKeyId());
        g.writeEndObject();
        if (a.session() != null || a.mfaUsed() != null) {
            g.writeObjectFieldStart("session");
            str("uid", a.session());
            if (a.mfaUsed() != null) {
                g.writeBooleanField("is_mfa", a.mfaUsed());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private void endpoint(String name, Endpoint ep) throws IOException {
        if (ep.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart(name);
        str("ip", ep.ip());
        if (ep.port() != null) {
            g.writeNumberField("port", ep.port());
        }
        str("hostname", ep.host());
        g.writeEndObject();
    }

    private void str(String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private void num(String name, Long value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value);
        }
    }

    @Override
    public void close() throws IOException {
        g.writeRaw('\n');
        g.flush();
    }
}
