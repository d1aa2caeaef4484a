package dev.cloudwarden.engine.ingest.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.cloudwarden.engine.ingest.parse.ParseContext;
import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;
import dev.cloudwarden.engine.ingest.syslog.SyslogLine;
import dev.cloudwarden.engine.ingest.time.Timestamps;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One dockerd log's lines. Raw fields: the logfmt pairs as logged ({@code time}, {@code level}, {@code msg},
 * and any others such as {@code container} or {@code error}); {@code host}, {@code program}, {@code pid}
 * when the line came through syslog (a logrus field of the same name is kept as {@code logfmt_<name>});
 * and for API requests {@code method}, {@code path} (without the version prefix), {@code api_version}
 * and {@code query}.
 *
 * <p>dockerd logs a POST's JSON body on its own line ({@code form data: {...}}) right after the request's
 * {@code Calling} line. The body becomes the object {@code form}, with {@code image} and {@code cmdline}
 * (entrypoint and command joined by spaces) lifted out, and the event takes the method and path of the
 * last {@code Calling POST} line read. That is a best guess when requests run concurrently, but dockerd
 * writes both lines from the same handler one after the other, so it is nearly always right.
 *
 * <p>dockerd does not log the client's address, so events have no source endpoint.
 */
final class DockerParser implements LineParser {
    private static final String FORM_DATA = "form data: ";
    private static final String HANDLER_FOR = "Handler for ";
    private static final String RETURNED_ERROR = " returned error: ";

    private final ParseContext context;
    private ApiCall lastPost;

    DockerParser(ParseContext context) {
        this.context = context;
    }

    @Override
    public Event parse(String line, Origin origin) throws RecordRejectedException {
        if (SyslogLine.isJournalMarker(line)) {
            return null;
        }
        ObjectNode raw = Json.NODES.objectNode();
        Instant time = null;
        String text = line;
        String host = null;
        if (!Logfmt.looksLike(line)) {
            if (!SyslogLine.looksLike(line)) {
                throw new RecordRejectedException("neither a dockerd logfmt line (time=\"...\" level=... msg=...) "
                        + "nor a syslog line from dockerd");
            }
            SyslogLine s = SyslogLine.parse(line, context.referenceTime());
            if (s.program() == null || !DockerFormat.isDockerd(s.program())) {
                throw new RecordRejectedException("syslog line from '" + s.program() + "', not dockerd (scan mixed "
                        + "syslog files with --source sshd, which reads every program's lines)");
            }
            host = s.host();
            raw.put("host", host);
            raw.put("program", s.program());
            if (s.pid() != null) {
                raw.put("pid", s.pid());
            }
            time = s.time();
            text = s.message();
        }
        if (text.startsWith("time=")) {
            for (Map.Entry<String, String> pair : Logfmt.parse(text).entrySet()) {
                // A logrus field may share a name with a syslog one (the insecure-listener warning logs
                // host=tcp://...): syslog's keeps the name, the other gets a prefix rather than being lost.
                String key = raw.has(pair.getKey()) ? "logfmt_" + pair.getKey() : pair.getKey();
                raw.put(key, pair.getValue());
            }
            time = time(raw.get("time").asText());
        } else {
            raw.put("msg", text); // dockerd's plain-text lines (panics, Go runtime) still carry the message
        }
        String msg = raw.path("msg").asText("");
        EventBuilder b = Event.builder(SourceType.DOCKER, time, RawRecord.ofLine(line, raw)).origin(origin);
        if (host != null) {
            b.dst(new Endpoint(null, null, host));
        }
        ApiCall call = ApiCall.ofMessage(msg);
        if (call != null) {
            lastPost = call.method().equals("POST") ? call : lastPost;
            apiCall(call, raw, b);
        } else if (msg.startsWith(FORM_DATA)) {
            formData(msg.substring(FORM_DATA.length()), raw, b);
        } else if (msg.startsWith(HANDLER_FOR) && msg.contains(RETURNED_ERROR)) {
            int at = msg.indexOf(RETURNED_ERROR);
            ApiCall failed = ApiCall.ofRequest(msg.substring(HANDLER_FOR.length(), at));
            if (failed != null) {
                apiCall(failed, raw, b);
                b.outcome(Outcome.failure(null, msg.substring(at + RETURNED_ERROR.length())));
            } else {
                logLine(raw, b);
            }
        } else {
            logLine(raw, b);
        }
        return b.build();
    }

    private static Instant time(String text) throws RecordRejectedException {
        try {
            return Timestamps.parseIso(text);
        } catch (DateTimeException e) {
            throw new RecordRejectedException("time '" + text + "' is not an RFC 3339 timestamp");
        }
    }

    private static void apiCall(ApiCall call, ObjectNode raw, EventBuilder b) {
        raw.put("method", call.method());
        raw.put("path", call.path());
        if (call.apiVersion() != null) {
            raw.put("api_version", call.apiVersion());
        }
        if (call.query() != null) {
            raw.put("query", call.query());
        }
        b.operation("docker", call.operation());
        if (call.collection().equals("containers")) {
            b.resource("Docker::Container", call.objectId());
        }
    }

    private void formData(String body, ObjectNode raw, EventBuilder b) {
        if (lastPost != null) {
            apiCall(lastPost, raw, b);
            lastPost = null; // one body per request: a second form line must not claim the same call
        } else {
            b.operation("docker", "form data");
        }
        JsonNode form;
        try {
            form = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return; // not JSON (a build's form fields): msg still holds the text for keyword rules
        }
        if (form == null || !form.isObject()) {
            return;
        }
        raw.set("form", form);
        if (form.path("Image").isTextual()) {
            raw.put("image", form.get("Image").asText());
        }
        List<String> words = new ArrayList<>();
        addWords(form.path("Entrypoint"), words);
        addWords(form.path("Cmd"), words);
        if (!words.isEmpty()) {
            raw.put("cmdline", String.join(" ", words));
        }
    }

    /** The API accepts a command as an array of words or as one string; both end up as words. */
    private static void addWords(JsonNode node, List<String> words) {
        if (node.isTextual()) {
            words.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(w -> words.add(w.asText()));
        }
    }

    private static void logLine(ObjectNode raw, EventBuilder b) {
        b.ocsfClass(OcsfClass.BASE_EVENT);
        b.operation("docker", "log");
        if (raw.path("container").isTextual()) {
            b.resource("Docker::Container", raw.get("container").asText());
        }
    }
}
