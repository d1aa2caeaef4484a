package dev.cloudwarden.app.output;

import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.simulate.eval.Evaluation;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** An {@link Evaluation.Result} as the table {@code eval} and {@code demo} print, or as JSON. */
public final class EvaluationWriter {
    private EvaluationWriter() {
    }

    /**
     * One row per scenario, then the overall figures.
     *
     * @param withRules also list the rules that fired on each scenario (long: {@code eval} shows it, the demo not)
     */
    public static void table(Evaluation.Result r, boolean withIncidents, boolean withRules, PrintWriter out) {
        StringBuilder row = new StringBuilder("%-30s %-4s %-9s %7s %12s");
        if (withIncidents) {
            row.append(" %9s %-9s %s");
        }
        if (withRules) {
            row.append("  %s");
        }
        row.append("%n");
        String format = row.toString();
        out.printf(format, header(withIncidents, withRules));
        for (Evaluation.ScenarioScore s : r.scenarios()) {
            List<Object> cells = new ArrayList<>(List.of(s.scenario(), s.catalog(),
                    s.detected() ? "yes" : "NO", s.alerts(), s.linesHit() + "/" + s.lines()));
            if (withIncidents) {
                cells.add(s.incidents());
                cells.add(s.resolved() ? "yes" : "NO");
                cells.add(String.join(" ", s.categories()));
            }
            if (withRules) {
                cells.add(TerminalText.safe(String.join("; ", s.rules())));
            }
            out.printf(Locale.ROOT, format, cells.toArray());
        }
        out.printf(Locale.ROOT, "%nalert precision %.3f (%d of %d alerts on attack lines); scenario recall %.3f%n",
                r.alertPrecision(), r.truePositiveAlerts(), r.alerts(), r.scenarioRecall());
        if (withIncidents) {
            out.printf(Locale.ROOT, "incident precision %.3f (%d of %d incidents on attack lines); "
                            + "%d of %d scenarios form exactly one incident, classified correctly%n",
                    r.incidentPrecision(), r.truePositiveIncidents(), r.incidents(), r.resolvedScenarios(),
                    r.scenarios().size());
        }
        Map<String, Integer> fp = new TreeMap<>();
        r.falsePositiveRules().forEach(rule -> fp.merge(rule, 1, Integer::sum));
        if (!fp.isEmpty()) {
            out.println("alerts on background lines, by rule: " + TerminalText.safe(fp.toString()));
        }
    }

    private static Object[] header(boolean withIncidents, boolean withRules) {
        List<Object> h = new ArrayList<>(List.of("SCENARIO", "ID", "DETECTED", "ALERTS", "LINE RECALL"));
        if (withIncidents) {
            h.addAll(List.of("INCIDENTS", "RESOLVED", "CLASSIFIED AS"));
        }
        if (withRules) {
            h.add("RULES");
        }
        return h.toArray();
    }

    public static void json(Evaluation.Result r, PrintWriter out) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("alerts", r.alerts());
        doc.put("true_positive_alerts", r.truePositiveAlerts());
        doc.put("alert_precision", r.alertPrecision());
        doc.put("scenario_recall", r.scenarioRecall());
        doc.put("incidents", r.incidents());
        doc.put("true_positive_incidents", r.truePositiveIncidents());
        doc.put("incident_precision", r.incidentPrecision());
        doc.put("resolved_scenarios", r.resolvedScenarios());
        doc.put("scenarios", r.scenarios());
        out.println(Json.MAPPER.writeValueAsString(doc));
    }
}
