package dev.cloudwarden.app.posture;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.engine.posture.check.Check;
import dev.cloudwarden.engine.posture.model.ConfigResource;
import dev.cloudwarden.engine.posture.scan.Finding;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A finding as one JSON object: {@code check_id}, {@code title}, {@code severity}, {@code status} (pass, fail or
 * unknown), {@code resource} (the id Checkov writes), {@code resource_type}, {@code framework}, {@code file},
 * {@code line}, {@code layer}, {@code owner}, {@code equivalents}, {@code benchmarks}, {@code threats},
 * {@code detail} (what was not known), {@code suppressed} ({@code reason}, {@code source}, {@code expires}) and
 * {@code remediation}. Also what a baseline is read back from.
 */
public final class FindingJson {
    private FindingJson() {
    }

    public static void write(JsonGenerator g, Finding f) throws IOException {
        Check c = f.check();
        ConfigResource r = f.resource();
        g.writeStartObject();
        g.writeStringField("check_id", c.id());
        g.writeStringField("title", c.title());
        g.writeStringField("severity", c.severity().id());
        g.writeStringField("status", f.verdict().id());
        g.writeStringField("resource", r.id());
        g.writeStringField("resource_type", r.type());
        g.writeStringField("framework", r.framework().id());
        g.writeStringField("file", r.location().file());
        g.writeNumberField("line", r.location().line());
        g.writeNumberField("end_line", r.location().endLine());
        g.writeStringField("layer", c.layer().id());
        g.writeStringField("owner", c.owner().id());
        lists(g, "equivalents", c.equivalents());
        lists(g, "benchmarks", c.benchmarks());
        g.writeArrayFieldStart("threats");
        for (String t : c.threats()) {
            g.writeString(t);
        }
        g.writeEndArray();
        if (!f.outcome().detail().isEmpty()) {
            g.writeStringField("detail", f.outcome().detail());
        }
        if (f.suppressed()) {
            g.writeObjectFieldStart("suppressed");
            g.writeStringField("reason", f.suppression().reason());
            g.writeStringField("source", f.suppression().source().name().toLowerCase(java.util.Locale.ROOT));
            if (f.suppression().expires() != null) {
                g.writeStringField("expires", f.suppression().expires().toString());
            }
            g.writeEndObject();
        }
        if (!c.remediation().isEmpty()) {
            g.writeStringField("remediation", c.remediation());
        }
        g.writeEndObject();
    }

    private static void lists(JsonGenerator g, String name, Map<String, List<String>> lists) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, List<String>> e : new java.util.TreeMap<>(lists).entrySet()) {
            g.writeArrayFieldStart(e.getKey());
            for (String id : e.getValue()) {
                g.writeString(id);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }
}
