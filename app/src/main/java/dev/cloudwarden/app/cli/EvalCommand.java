package dev.cloudwarden.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.app.output.TerminalText;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.simulate.eval.Evaluation;
import dev.cloudwarden.simulate.eval.GroundTruth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code cloudwarden eval}: precision and recall of a scan's alerts against a simulation's ground truth. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Scores alerts (the NDJSON of 'scan --format json') against a simulation's truth.jsonl: per "
                + "scenario whether it was detected and which share of its attack lines alerts touched; overall alert "
                + "precision and scenario recall."})
public final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--truth", required = true, paramLabel = "FILE", description = "The simulation's truth.jsonl.")
    Path truth;

    @Option(names = "--alerts", required = true, paramLabel = "FILE", description = "Alerts as NDJSON ('scan --format json').")
    Path alerts;

    @Option(names = "--logs", paramLabel = "DIR", description = "The logs folder the scan read (default: logs/ beside the truth file).")
    Path logs;

    @Option(names = "--format", defaultValue = "table", description = "table or json. Default: ${DEFAULT-VALUE}.")
    String format;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(truth) || !Files.isRegularFile(alerts)) {
            throw new ParameterException(spec.commandLine(), "no such file: " + (Files.isRegularFile(truth) ? alerts : truth));
        }
        Path root = (logs != null ? logs : truth.toAbsolutePath().getParent().resolve("logs")).toAbsolutePath().normalize();
        GroundTruth t = GroundTruth.read(truth);
        List<Evaluation.ScoredAlert> scored = new ArrayList<>();
        List<String> lines = Files.readAllLines(alerts);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode a = Json.MAPPER.readTree(lines.get(i));
            if (a == null || !a.has("events")) {
                throw new ParameterException(spec.commandLine(), alerts + ":" + (i + 1) + ": not an alert (scan --format json)");
            }
            List<GroundTruth.LineRef> refs = new ArrayList<>();
            for (JsonNode e : a.get("events")) {
                String input = e.at("/origin/input").asText();
                long line = e.at("/origin/line").asLong();
                Path p = Path.of(input).toAbsolutePath().normalize();
                String rel = p.startsWith(root) ? root.relativize(p).toString().replace('\\', '/') : input;
                refs.add(new GroundTruth.LineRef(rel, line));
            }
            scored.add(new Evaluation.ScoredAlert(a.path("rule").asText(), refs));
        }
        Evaluation.Result r = Evaluation.score(t, scored);
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.println(Json.MAPPER.writeValueAsString(Map.of("alerts", r.alerts(), "true_positive_alerts", r.truePositiveAlerts(),
                    "alert_precision", r.alertPrecision(), "scenario_recall", r.scenarioRecall(), "scenarios", r.scenarios())));
        } else {
            String row = "%-30s %-4s %-9s %7s %12s  %s%n";
            out.printf(row, "SCENARIO", "ID", "DETECTED", "ALERTS", "LINE RECALL", "RULES");
            for (Evaluation.ScenarioScore s : r.scenarios()) {
                out.printf(Locale.ROOT, row, s.scenario(), s.catalog(), s.detected() ? "yes" : "NO", s.alerts(),
                        String.format(Locale.ROOT, "%d/%d", s.linesHit(), s.lines()),
                        TerminalText.safe(String.join("; ", s.rules())));
            }
            Map<String, Integer> fp = new TreeMap<>();
            r.falsePositiveRules().forEach(rule -> fp.merge(rule, 1, Integer::sum));
            out.printf(Locale.ROOT, "%nalert precision %.3f (%d of %d alerts on attack lines); scenario recall %.3f%n",
                    r.alertPrecision(), r.truePositiveAlerts(), r.alerts(), r.scenarioRecall());
            if (!fp.isEmpty()) {
                out.println("alerts on background lines, by rule: " + TerminalText.safe(fp.toString()));
            }
        }
        out.flush();
        return CloudWardenCli.EXIT_OK;
    }
}
