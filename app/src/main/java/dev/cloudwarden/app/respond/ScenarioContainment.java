package dev.cloudwarden.app.respond;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.app.output.SafeJsonEscapes;
import dev.cloudwarden.app.output.TerminalText;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.incident.Incident;
import dev.cloudwarden.simulate.eval.Evaluation;
import dev.cloudwarden.simulate.eval.GroundTruth;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Time to contain per simulated scenario ({@link ContainmentTimer}): each scenario's own incident (the one incident
 * whose attack lines are that scenario's alone), responded to with the built-in playbooks against the fake AWS.
 */
public final class ScenarioContainment {
    /** One scenario's figure; {@code timing} empty when nothing contained it, {@code why} then says what. */
    public record Row(String scenario, String incident, Optional<ContainmentTimer.Timing> timing, String why) {
    }

    private ScenarioContainment() {
    }

    public static List<Row> measure(GroundTruth truth, List<Incident> incidents, Path logs)
            throws IOException, InterruptedException {
        Map<String, List<Incident>> byScenario = new LinkedHashMap<>();
        truth.catalogOfScenario().keySet().forEach(s -> byScenario.put(s, new ArrayList<>()));
        for (Incident i : incidents) {
            Set<String> scenarios = new HashSet<>();
            for (Alert a : i.alerts()) {
                for (GroundTruth.LineRef ref : Evaluation.linesOf(a, logs)) {
                    String s = truth.scenarioOfLine().get(ref);
                    if (s != null) {
                        scenarios.add(s);
                    }
                }
            }
            if (scenarios.size() == 1) {
                byScenario.computeIfAbsent(scenarios.iterator().next(), k -> new ArrayList<>()).add(i);
            }
        }
        Path work = Files.createTempDirectory("cloudwarden-containment-");
        List<Row> rows = new ArrayList<>();
        try (ContainmentTimer timer = new ContainmentTimer(work)) {
            for (Map.Entry<String, List<Incident>> e : byScenario.entrySet()) {
                if (e.getValue().size() != 1) {
                    rows.add(new Row(e.getKey(), null, Optional.empty(), e.getValue().isEmpty() ? "no incident of its own"
                            : e.getValue().size() + " incidents"));
                    continue;
                }
                Incident i = e.getValue().get(0);
                Optional<ContainmentTimer.Timing> t = timer.time(i);
                rows.add(new Row(e.getKey(), i.id(), t, t.isPresent() ? "" : "no built-in playbook contained it"));
            }
        }
        return rows;
    }

    public static void table(List<Row> rows, PrintWriter out) {
        out.println("Time to contain: the incident's first alert to its first containment step, with the built-in "
                + "playbooks against the simulated AWS");
        String row = "%-30s %10s %10s %10s  %s%n";
        out.printf(row, "SCENARIO", "TO TRIGGER", "TO CONTAIN", "TOTAL", "BY");
        List<Duration> totals = new ArrayList<>();
        for (Row r : rows) {
            if (r.timing().isPresent()) {
                ContainmentTimer.Timing t = r.timing().get();
                totals.add(t.total());
                out.printf(Locale.ROOT, row, r.scenario(), seconds(t.toTrigger()), seconds(t.toContain()), seconds(t.total()),
                        TerminalText.safe(t.step()));
            } else {
                out.printf(Locale.ROOT, row, r.scenario(), "—", "—", "—", r.why());
            }
        }
        totals.sort(null);
        if (!totals.isEmpty()) {
            out.printf(Locale.ROOT, "median %s over %d contained scenarios of %d (event time to trigger + measured response)%n",
                    seconds(totals.get(totals.size() / 2)), totals.size(), rows.size());
        }
    }

    /** One JSON object per scenario: {@code scenario}, {@code incident}, seconds to trigger, to contain and in all, the step. */
    public static void json(List<Row> rows, PrintWriter out) throws IOException {
        try (JsonGenerator g = SafeJsonEscapes.newlineSeparated(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            for (Row r : rows) {
                g.writeStartObject();
                g.writeStringField("containment_of", r.scenario());
                g.writeStringField("incident", r.incident());
                if (r.timing().isPresent()) {
                    ContainmentTimer.Timing t = r.timing().get();
                    g.writeNumberField("to_trigger_s", t.toTrigger().toMillis() / 1000.0);
                    g.writeNumberField("to_contain_s", t.toContain().toMillis() / 1000.0);
                    g.writeNumberField("total_s", t.total().toMillis() / 1000.0);
                    g.writeStringField("step", t.step());
                } else {
                    g.writeStringField("not_contained", r.why());
                }
                g.writeEndObject();
            }
        }
    }

    private static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return s >= 100 ? String.format(Locale.ROOT, "%.0f s", s) : String.format(Locale.ROOT, "%.2f s", s);
    }
}
