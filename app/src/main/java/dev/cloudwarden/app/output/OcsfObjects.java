package dev.cloudwarden.app.output;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.engine.event.Actor;
import dev.cloudwarden.engine.event.Endpoint;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.OcsfClass;
import dev.cloudwarden.engine.event.Resource;

import java.io.IOException;

/**
 * The OCSF 1.1 objects an event's parts become, written by both the event writer and the Detection Finding's
 * {@code evidences}. Where a class requires a party the source does not name (the caller of a Docker API call, the
 * user of a failed SSH key exchange), the object names it {@value #UNKNOWN} rather than leaving out what OCSF requires.
 */
final class OcsfObjects {
    /** The name of a party the source does not name. */
    static final String UNKNOWN = "unknown";
    static final String VERSION = "1.1.0";

    private OcsfObjects() {
    }

    /**
     * {@code metadata}: the schema version, CloudWarden as the product, the source, the record's id, the profiles used,
     * and when CloudWarden processed the record if that is given (null leaves it out).
     */
    static void metadata(JsonGenerator g, String logName, String logProvider, String uid, boolean cloudProfile, Long processedTime)
            throws IOException {
        g.writeObjectFieldStart("metadata");
        g.writeStringField("version", VERSION);
        g.writeObjectFieldStart("product");
        g.writeStringField("name", "CloudWarden");
        g.writeStringField("vendor_name", "CloudWarden");
        g.writeEndObject();
        if (cloudProfile) {
            g.writeArrayFieldStart("profiles");
            g.writeString("cloud");
            g.writeEndArray();
        }
        str(g, "log_name", logName);
        str(g, "log_provider", logProvider);
        str(g, "uid", uid); // the record's own id (CloudTrail eventID...), for pivoting
        num(g, "processed_time", processedTime);
        g.writeEndObject();
    }

    /** Whether the event's {@code cloud} object can be written: OCSF requires its provider. */
    static boolean hasCloud(Event e) {
        return e.cloud().provider() != null;
    }

    static void cloud(JsonGenerator g, Event e) throws IOException {
        g.writeObjectFieldStart("cloud");
        g.writeStringField("provider", e.cloud().provider());
        str(g, "region", e.cloud().region());
        if (e.cloud().account() != null) {
            g.writeObjectFieldStart("account");
            g.writeStringField("uid", e.cloud().account());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** {@code actor}: the user (principal, its type, the access key) and the session; an unnamed user when the source names none. */
    static void actor(JsonGenerator g, Actor a) throws IOException {
        g.writeObjectFieldStart("actor");
        user(g, "user", a);
        if (a.session() != null || a.mfaUsed() != null) {
            g.writeObjectFieldStart("session");
            str(g, "uid", a.session());
            if (a.mfaUsed() != null) {
                g.writeBooleanField("is_mfa", a.mfaUsed());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** A {@code user} object: at least its name ({@value #UNKNOWN} when the source names nobody). */
    static void user(JsonGenerator g, String field, Actor a) throws IOException {
        g.writeObjectFieldStart(field);
        if (a.principal() != null) {
            g.writeStringField("uid", a.principal());
        } else {
            g.writeStringField("name", UNKNOWN);
            g.writeNumberField("type_id", 0);
        }
        str(g, "type", a.principalType());
        str(g, "credential_uid", a.accessKeyId());
        g.writeEndObject();
    }

    /** Whether {@code ep} names an endpoint OCSF accepts (an address or a name; a port alone names none). */
    static boolean named(Endpoint ep) {
        return ep.ip() != null || ep.host() != null;
    }

    /** A {@code network_endpoint}; {@value #UNKNOWN} by name when {@code ep} names none. */
    static void endpoint(JsonGenerator g, String field, Endpoint ep) throws IOException {
        g.writeObjectFieldStart(field);
        str(g, "ip", ep.ip());
        if (ep.port() != null) {
            g.writeNumberField("port", ep.port());
        }
        str(g, "hostname", ep.host());
        if (!named(ep)) {
            g.writeStringField("name", UNKNOWN);
        }
        g.writeEndObject();
    }

    /** {@code api}: the operation ({@value #UNKNOWN} when the source names none) and its service. */
    static void api(JsonGenerator g, Event e) throws IOException {
        g.writeObjectFieldStart("api");
        g.writeStringField("operation", e.operation().name() != null ? e.operation().name() : UNKNOWN);
        if (e.operation().service() != null) {
            g.writeObjectFieldStart("service");
            g.writeStringField("name", e.operation().service());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** {@code query} of a DNS event: the name asked for and the record type; false when the event names no query. */
    static boolean query(JsonGenerator g, Event e) throws IOException {
        if (e.ocsfClass() != OcsfClass.DNS_ACTIVITY || e.dst().host() == null) {
            return false;
        }
        g.writeObjectFieldStart("query");
        g.writeStringField("hostname", e.dst().host());
        str(g, "type", e.operation().name());
        g.writeEndObject();
        return true;
    }

    static void resources(JsonGenerator g, Event e) throws IOException {
        g.writeArrayFieldStart("resources");
        for (Resource r : e.resources()) {
            g.writeStartObject();
            str(g, "type", r.type());
            if (r.id() != null) {
                g.writeStringField("uid", r.id());
            } else {
                g.writeStringField("name", UNKNOWN); // OCSF wants a resource named or identified
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    static void str(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    static void num(JsonGenerator g, String name, Long value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value);
        }
    }
}
