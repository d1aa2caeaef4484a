package dev.cloudwarden.app.posture;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.posture.check.Check;
import dev.cloudwarden.engine.posture.check.Verdict;
import dev.cloudwarden.engine.posture.scan.Finding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A finding as an OCSF 1.1 Compliance Finding (class 2003, activity Create): the check as {@code compliance.control}
 * with its benchmarks as {@code standards} and the verdict as {@code compliance.status_id} (1 pass, 3 fail, 0 unknown),
 * the resource in {@code resources}, the check's title and a stable id in {@code finding_info}, suppressions as a
 * suppressed finding status. One object per line, with the scan's time.
 */
public final class OcsfFindingWriter {
    static final String VERSION = "1.1.0";

    private OcsfFindingWriter() {
    }

    public static void write(JsonGenerator g, Finding f, long timeMillis) throws IOException {
        Check c = f.check();
        g.writeStartObject();
        g.writeNumberField("activity_id", 1);
        g.writeStringField("activity_name", "Create");
        g.writeNumberField("category_uid", 2);
        g.writeStringField("category_name", "Findings");
        g.writeNumberField("class_uid", 2003);
        g.writeStringField("class_name", "Compliance Finding");
        g.writeNumberField("type_uid", 200301);
        g.writeNumberField("time", timeMillis);
        g.writeNumberField("severity_id", severityId(c.severity()));
        g.writeStringField("severity", c.severity() == Level.INFORMATIONAL ? "Informational" : capitalised(c.severity().id()));
        g.writeNumberField("status_id", f.suppressed() ? 3 : 1);
        g.writeStringField("status", f.suppressed() ? "Suppressed" : "New");
        g.writeStringField("message", c.title());
        g.writeObjectFieldStart("metadata");
        g.writeStringField("version", VERSION);
        g.writeObjectFieldStart("product");
        g.writeStringField("name", "CloudWarden");
        g.writeStringField("vendor_name", "CloudWarden");
        g.writeEndObject();
        g.writeEndObject();
        g.writeObjectFieldStart("finding_info");
        g.writeStringField("uid", HexFormat.of().formatHex(
                dev.cloudwarden.engine.event.Digests.sha256(f.key().getBytes(StandardCharsets.UTF_8))));
        g.writeStringField("title", c.title());
        if (!f.outcome().detail().isEmpty()) {
            g.writeStringField("desc", f.outcome().detail());
        }
        g.writeArrayFieldStart("types");
        g.writeString("Posture/" + c.framework().id());
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("compliance");
        g.writeStringField("control", c.id());
        g.writeArrayFieldStart("standards");
        for (Map.Entry<String, List<String>> e : new TreeMap<>(c.benchmarks()).entrySet()) {
            for (String id : e.getValue()) {
                g.writeString(e.getKey() + " " + id);
            }
        }
        g.writeEndArray();
        int status = f.verdict() == Verdict.PASS ? 1 : f.verdict() == Verdict.FAIL ? 3 : 0;
        g.writeNumberField("status_id", status);
        g.writeStringField("status", status == 1 ? "Pass" : status == 3 ? "Fail" : "Unknown");
        g.writeEndObject();
        g.writeArrayFieldStart("resources");
        g.writeStartObject();
        g.writeStringField("uid", f.resource().id());
        g.writeStringField("name", f.resource().name());
        g.writeStringField("type", f.resource().type());
        g.writeObjectFieldStart("data");
        g.writeStringField("file", f.resource().location().file());
        g.writeNumberField("line", f.resource().location().line());
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndArray();
        if (!c.remediation().isEmpty()) {
            g.writeObjectFieldStart("remediation");
            g.writeStringField("desc", c.remediation());
            g.writeEndObject();
        }
        g.writeObjectFieldStart("unmapped");
        g.writeStringField("layer", c.layer().id());
        g.writeStringField("owner", c.owner().id());
        if (f.suppressed()) {
            g.writeStringField("suppression_reason", f.suppression().reason());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** OCSF: 1 informational, 2 low, 3 medium, 4 high, 5 critical. */
    private static int severityId(Level level) {
        return level.ordinal() + 1;
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
