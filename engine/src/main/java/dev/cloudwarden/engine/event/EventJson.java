package dev.cloudwarden.engine.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes an event as CloudWarden's normalized JSON: snake_case parts, absent values left out, and the
 * raw record under {@code raw} when asked. This is the NDJSON that {@code cloudwarden events} prints and
 * the form golden files are written in, so its field order is fixed.
 *
 * <p>It runs for every event {@code events} prints, so the values from small fixed sets (source, class, status) are
 * encoded once, and the time is formatted without the JDK's general formatter.
 */
public final class EventJson {
    private static final Map<SourceType, SerializableString> SOURCE_IDS = encoded(SourceType.class, SourceType::id);
    private static final Map<OcsfClass, SerializableString> CLASS_CAPTIONS = encoded(OcsfClass.class, OcsfClass::caption);
    private static final Map<Outcome.Status, SerializableString> STATUSES =
            encoded(Outcome.Status.class, s -> s.name().toLowerCase(Locale.ROOT));

    private EventJson() {
    }

    public static void write(Event e, JsonGenerator g, boolean includeRaw, boolean includeOrigin) throws IOException {
        g.writeStartObject();
        g.writeFieldName("time");
        char[] time = new char[IsoInstant.MAX_CHARS];
        g.writeString(time, 0, IsoInstant.format(e.time(), time));
        if (e.timeInferred()) {
            g.writeBooleanField("time_inferred", true);
        }
        g.writeFieldName("source");
        g.writeString(SOURCE_IDS.get(e.source()));
        g.writeFieldName("class");
        g.writeString(CLASS_CAPTIONS.get(e.ocsfClass()));
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
        g.writeFieldName("status");
        g.writeString(STATUSES.get(o.status()));
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

    /** Each constant's text, encoded once. */
    private static <E extends Enum<E>> Map<E, SerializableString> encoded(Class<E> type, Function<E, String> text) {
        Map<E, SerializableString> map = new EnumMap<>(type);
        for (E constant : type.getEnumConstants()) {
            map.put(constant, new SerializedString(text.apply(constant)));
        }
        return map;
    }
}
