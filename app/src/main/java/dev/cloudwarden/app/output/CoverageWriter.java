package dev.cloudwarden.app.output;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.engine.incident.CatalogRow;
import dev.cloudwarden.engine.sigma.coverage.CoveringRule;
import dev.cloudwarden.engine.sigma.coverage.RuleCoverage;
import dev.cloudwarden.engine.sigma.coverage.RuleCoverage.Covered;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code rules coverage}: the ATT&CK techniques, then the threat-catalog rows, each with the rules that name it and
 * the sources that feed them. Ids and titles come from rule files and are escaped in both forms.
 */
public final class CoverageWriter {
    private static final String RULE_ROW = "    %-13s %-38s %-24s %s%n";
    /** The ATT&CK release the layer names: Navigator opens a layer of another release with a warning only. */

    private CoverageWriter() {
    }

    public static void table(RuleCoverage coverage, PrintWriter out) {
        out.println("ATT&CK TECHNIQUES");
        for (Covered<String> t : coverage.techniques()) {
            out.printf("%-11s %s%n", t.what(), groupSummary(t));
            rules(t.rules(), out);
        }
        out.println();
        out.println("THREAT CATALOG (THREATS.md)");
        for (Covered<CatalogRow> c : coverage.catalog()) {
            out.printf("%-3s %s: %s%n", c.what().id(), c.what().threat(), c.rules().isEmpty() ? "no rule" : groupSummary(c));
            rules(c.rules(), out);
        }
        out.println();
        out.println("TECHNIQUES PER LOG SOURCE");
        coverage.techniquesBySource().forEach((source, ids) -> out.printf("%-16s %3d: %s%n", source.id(), ids.size(),
                String.join(" ", ids)));
        List<CatalogRow> uncovered = coverage.uncoveredRows();
        if (!uncovered.isEmpty()) {
            out.println();
            out.println("catalog rows with no rule: " + uncovered.stream().map(r -> r.id() + " (" + r.threat() + ")")
                    .collect(Collectors.joining(", ")));
        }
        out.flush();
    }

    private static String groupSummary(Covered<?> c) {
        int n = c.rules().size();
        return n + (n == 1 ? " rule" : " rules") + (c.fed() ? ", fed by " + RuleListWriter.fedBy(c.fedBy())
                : ", not fed: no parser produces their logsources");
    }

    private static void rules(List<CoveringRule> rules, PrintWriter out) {
        for (CoveringRule r : rules) {
            out.printf(RULE_ROW, RuleListWriter.level(r.level()), TerminalText.safe(r.id()), RuleListWriter.fedBy(r.fedBy()),
                    TerminalText.safe(r.title()) + (r.correlation() ? " (correlation)" : ""));
        }
    }

    /**
     * One object per technique, then one per catalog row (rows with no rule included, with an empty {@code rules}):
     * <pre>
     * {"kind":"technique","id":"T1078.004","fed":true,"fed_by":["cloudtrail"],"rules":[{"id":..,"title":..,"level":..,"correlation":false,"fed_by":[..]}]}
     * {"kind":"catalog","id":"T2","threat":"Brute force of cloud and host credentials","fed":true,"fed_by":[..],"rules":[..]}
     * {"kind":"source","id":"cloudtrail","techniques":["T1078","T1078.004",..]}
     * </pre>
     */
    public static void json(RuleCoverage coverage, Writer out) throws IOException {
        JsonGenerator g = SafeJsonEscapes.newlineSeparated(out);
        for (Covered<String> t : coverage.techniques()) {
            g.writeStartObject();
            g.writeStringField("kind", "technique");
            g.writeStringField("id", t.what());
            group(g, t);
        }
        for (Covered<CatalogRow> c : coverage.catalog()) {
            g.writeStartObject();
            g.writeStringField("kind", "catalog");
            g.writeStringField("id", c.what().id());
            g.writeStringField("threat", c.what().threat());
            group(g, c);
        }
        for (var e : coverage.techniquesBySource().entrySet()) {
            g.writeStartObject();
            g.writeStringField("kind", "source");
            g.writeStringField("id", e.getKey().id());
            g.writeArrayFieldStart("techniques");
            for (String id : e.getValue()) {
                g.writeString(id);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.flush();
        out.write('\n');
        out.flush();
    }

    /**
     * An ATT&CK Navigator layer (format 4.5) of the techniques the rules cover: the score is the number of rules fed by a
     * parsed log source (0 for a technique whose rules no parser feeds), the comment names the sources and the rules.
     */
    public static void navigator(RuleCoverage coverage, Writer out) throws IOException {
        NavigatorLayer.write("CloudWarden rule coverage", "Techniques tagged on CloudWarden's loaded rules and "
                + "correlations; score: rules fed by a log source CloudWarden parses", coverage.techniques().stream()
                .map(t -> new NavigatorLayer.Technique(t.what(), t.rules().stream().filter(CoveringRule::fed).count(),
                        groupSummary(t) + ": " + t.rules().stream().map(CoveringRule::title)
                                .collect(Collectors.joining("; ")))).toList(), out);
    }

    /** The rest of a technique's or row's object, closed. */
    private static void group(JsonGenerator g, Covered<?> c) throws IOException {
        g.writeBooleanField("fed", c.fed());
        RuleListWriter.fedBy(g, c.fedBy());
        g.writeArrayFieldStart("rules");
        for (CoveringRule r : c.rules()) {
            g.writeStartObject();
            g.writeStringField("id", r.id());
            g.writeStringField("title", r.title());
            g.writeStringField("level", r.level() == null ? null : r.level().id());
            g.writeBooleanField("correlation", r.correlation());
            RuleListWriter.fedBy(g, r.fedBy());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
