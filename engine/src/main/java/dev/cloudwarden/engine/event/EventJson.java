package dev.cloudwarden.engine.event;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * Writes an event as CloudWarden's normalized JSON: snake_case parts, absent values left out, and the
 * raw record under {@code raw} when asked. This is the NDJSON that {@code cloudwarden events} prints and
 * the form golden files are written in, so its field order is fixed.
 */
public final class EventJson {
    private EventJson() {
    }

    public static void write(Event e, JsonGenerator g, boolean includeRaw, boolean includeOrigin) throws IOException {
        g.writeStartObject();
        g.writeStringField("time", e.time().toString());
        g.writeStringField("source", e.source().id());
        g.writeStringField("class", e.ocsfClass().caption());
        str(g, "uid", e.uid());
        LogSource ls = e.logSource();
        if (ls.product() != null || ls.service() != null || ls.category() != null) {
            g.writeObjectFieldStart("logsource");
            str(g, "product", ls.product());
            str(g, "service", ls.service());
            str(g, "category", ls.category());
            g.writeEndObject();
        }
        Cloud c = e.cloud();
        if (c.provider() != null || c.account() != null || c.region() != null) {
            g.writeObjectFieldStart("cloud");
            str(g, "provider", c.provider());
            str(g, "account", c.account());
            str(g, "region", c.region());
            g.writeEndObject();
        }
        Actor a = e.actor();
        if (!a.isEmpty()) {
            g.writeObjectFieldStart("actor");
            str(g, "principal", a.principal());
            str(g, "type", a.principalType());
            str(g, "access_key", a.accessKeyId());
            str(g, "session", a.session());
            if (a.mfaUsed() != null) {
                g.writeBooleanField("mfa", a.mfaUsed());
            }
            g.writeEndObject();
        }
        endpoint(g, "src", e.src());
        endpoint(g, "dst", e.dst());
        Operation op = e.operation();
        if (op.service() != null || op.name() != null) {
            g.writeObjectFieldStart("operation");
            str(g, "service", op.service());
            str(g, "name", op.name());
            g.writeEndObject();
        }
        Outcome o = e.outcome();
        g.writeObjectFieldStart("outcome");
        g.writeStringField("status", o.status().name().toLowerCase());
        str(g, "error_code", o.errorCode());
        str(g, "error_message", o.errorMessage());
        g.writeEndObject();
        if (!e.resources().isEmpty()) {
            g.writeArrayFieldStart("resources");
            for (Resource r : e.resources()) {
                g.writeStartObject();
                str(g, "type", r.type());
                str(g, "id", r.id());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        Traffic t = e.traffic();
        if (!t.isEmpty()) {
            g.writeObjectFieldStart("traffic");
            num(g, "bytes_in", t.bytesIn());
            num(g, "bytes_out", t.bytesOut());
            num(g, "packets_in", t.packetsIn());
            num(g, "packets_out", t.packetsOut());
            g.writeEndObject();
        }
        str(g, "user_agent", e.userAgent());
        if (includeOrigin && e.origin() != null) {
            g.writeObjectFieldStart("origin");
            g.writeStringField("input", e.origin().input());
            if (e.origin().line() > 0) {
                g.writeNumberField("line", e.origin().line());
            }
            if (e.origin().recordIndex() >= 0) {
                g.writeNumberField("record", e.origin().recordIndex());
            }
            g.writeEndObject();
        }
        if (includeRaw) {
            g.writeFieldName("raw");
            g.writeTree(e.raw().tree());
        }
        g.writeEndObject();
    }

    private static void endpoint(JsonGenerator g, String name, Endpoint ep) throws IOException {
        if (ep.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart(name);
        str(g, "ip", ep.ip());
        if (ep.port() != null) {
            g.writeNumberField("port", ep.port());
        }
        str(g, "host", ep.host());
        g.writeEndObject();
    }

    private static void str(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void num(JsonGenerator g, String name, Long value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value);
        }
    }
}
