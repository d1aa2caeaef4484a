package dev.cloudwarden.app.posture;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.cloudwarden.app.output.SafeJsonEscapes;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.event.Digests;
import dev.cloudwarden.engine.posture.check.Check;
import dev.cloudwarden.engine.posture.check.Verdict;
import dev.cloudwarden.engine.posture.model.Location;
import dev.cloudwarden.engine.posture.scan.Finding;
import dev.cloudwarden.engine.posture.scan.Suppression;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * SARIF 2.1.0, as GitHub code scanning and other SARIF readers take it: one run, CloudWarden as the tool with a rule
 * per check that has a result (its severity as {@code security-severity}, its benchmarks and equivalents as tags), and
 * a result per finding with the file and lines as its region. Suppressed failures carry a suppression (in source for
 * inline skips, external for the suppressions file) with the reason; unknown verdicts are results of kind
 * {@code review}; passes, when asked for, of kind {@code pass}. Paths relative to the working folder are written
 * against {@code %SRCROOT%}. Same findings, same bytes.
 */
public final class SarifWriter {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final String INFORMATION_URI = "https://github.com/cloudwarden/cloudwarden";

    private SarifWriter() {
    }

    public static void write(Writer out, List<Finding> findings, String version) throws IOException {
        Map<String, Check> rules = new TreeMap<>();
        findings.forEach(f -> rules.putIfAbsent(f.check().id(), f.check()));
        List<String> ruleIds = new ArrayList<>(rules.keySet());
        try (JsonGenerator g = SafeJsonEscapes.newlineSeparated(out)) {
            DefaultPrettyPrinter pretty = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
            g.setPrettyPrinter(pretty);
            g.writeStartObject();
            g.writeStringField("$schema", SCHEMA);
            g.writeStringField("version", "2.1.0");
            g.writeArrayFieldStart("runs");
            g.writeStartObject();
            g.writeObjectFieldStart("tool");
            g.writeObjectFieldStart("driver");
            g.writeStringField("name", "CloudWarden");
            g.writeStringField("informationUri", INFORMATION_URI);
            g.writeStringField("semanticVersion", version);
            g.writeArrayFieldStart("rules");
            for (Check c : rules.values()) {
                rule(g, c);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("results");
            for (Finding f : findings) {
                result(g, f, ruleIds.indexOf(f.check().id()));
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
    }

    private static void rule(JsonGenerator g, Check c) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", c.id());
        g.writeStringField("name", c.id());
        g.writeObjectFieldStart("shortDescription");
        g.writeStringField("text", c.title());
        g.writeEndObject();
        if (!c.remediation().isEmpty()) {
            g.writeObjectFieldStart("help");
            g.writeStringField("text", c.remediation());
            g.writeEndObject();
        }
        g.writeObjectFieldStart("defaultConfiguration");
        g.writeStringField("level", level(c.severity()));
        g.writeEndObject();
        g.writeObjectFieldStart("properties");
        g.writeStringField("security-severity", securitySeverity(c.severity()));
        g.writeStringField("precision", "high");
        g.writeArrayFieldStart("tags");
        g.writeString("security");
        g.writeString(c.framework().id());
        g.writeString(c.layer().id());
        for (Map.Entry<String, List<String>> e : new TreeMap<>(c.benchmarks()).entrySet()) {
            for (String id : e.getValue()) {
                g.writeString(e.getKey() + ":" + id);
            }
        }
        for (Map.Entry<String, List<String>> e : new TreeMap<>(c.equivalents()).entrySet()) {
            for (String id : e.getValue()) {
                g.writeString(e.getKey() + ":" + id);
            }
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void result(JsonGenerator g, Finding f, int ruleIndex) throws IOException {
        g.writeStartObject();
        g.writeStringField("ruleId", f.check().id());
        g.writeNumberField("ruleIndex", ruleIndex);
        Verdict v = f.verdict();
        g.writeStringField("kind", v == Verdict.FAIL ? "fail" : v == Verdict.PASS ? "pass" : "review");
        g.writeStringField("level", v == Verdict.FAIL ? level(f.check().severity()) : v == Verdict.PASS ? "none" : "note");
        g.writeObjectFieldStart("message");
        g.writeStringField("text", message(f));
        g.writeEndObject();
        g.writeArrayFieldStart("locations");
        g.writeStartObject();
        g.writeObjectFieldStart("physicalLocation");
        Location at = f.resource().location();
        g.writeObjectFieldStart("artifactLocation");
        Path p = Path.of(at.file());
        g.writeStringField("uri", uri(at.file()));
        if (!p.isAbsolute()) {
            g.writeStringField("uriBaseId", "%SRCROOT%");
        }
        g.writeEndObject();
        if (at.line() > 0) {
            g.writeObjectFieldStart("region");
            g.writeNumberField("startLine", at.line());
            g.writeNumberField("endLine", Math.max(at.line(), at.endLine()));
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeArrayFieldStart("logicalLocations");
        g.writeStartObject();
        g.writeStringField("fullyQualifiedName", f.resource().id());
        g.writeStringField("kind", "resource");
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeObjectFieldStart("partialFingerprints");
        g.writeStringField("cloudwardenFinding/v1",
                HexFormat.of().formatHex(Digests.sha256(f.key().getBytes(StandardCharsets.UTF_8))));
        g.writeEndObject();
        if (f.suppressed()) {
            Suppression s = f.suppression();
            g.writeArrayFieldStart("suppressions");
            g.writeStartObject();
            g.writeStringField("kind", s.source() == Suppression.Source.INLINE ? "inSource" : "external");
            g.writeStringField("justification", s.reason());
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static String message(Finding f) {
        String base = f.check().title() + " (" + f.resource().id() + ")";
        return switch (f.verdict()) {
            case FAIL -> "Failed: " + base;
            case PASS -> "Passed: " + base;
            default -> "Could not be decided: " + base + ": " + f.outcome().detail();
        };
    }

    /** The path as a relative or absolute URI reference, each segment percent-encoded. */
    static String uri(String file) {
        Path p = Path.of(file).normalize();
        String slashed = p.toString().replace('\\', '/');
        try {
            if (p.isAbsolute()) {
                return p.toUri().toASCIIString();
            }
            return new URI(null, null, slashed, null).toASCIIString();
        } catch (URISyntaxException e) {
            return slashed;
        }
    }

    private static String level(Level severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            default -> "note";
        };
    }

    /** GitHub's scale: over 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low. */
    private static String securitySeverity(Level severity) {
        return switch (severity) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            case INFORMATIONAL -> "1.0";
        };
    }
}
