package dev.cloudwarden.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.app.output.EvaluationWriter;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code cloudwarden eval}: precision and recall of a scan's alerts against a simulation's ground truth. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Scores alerts (the NDJSON of 'scan --format json') against a simulation's truth.jsonl: per "
                + "scenario whether it was detected and which share of its attack lines alerts touched; overall alert "
                + "precision and scenario recall; with --incidents, incident precision and whether each scenario forms exactly "
                + "one incident, classified correctly."})
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

    @Option(names = "--incidents", paramLabel = "FILE", description = "Incidents as NDJSON (the demo's results/incidents.ndjson, "
            + "or 'scan --incidents'), whose alerts are in --alerts: adds incident precision and whether each scenario "
            + "forms exactly one correctly classified incident.")
    Path incidents;

    @Override
    public Integer call() throws IOException {
        for (Path p : incidents == null ? List.of(truth, alerts) : List.of(truth, alerts, incidents)) {
            if (!Files.isRegularFile(p)) {
                throw new ParameterException(spec.commandLine(), "no such file: " + p);
            }
        }
        Path root = (logs != null ? logs : truth.toAbsolutePath().getParent().resolve("logs")).toAbsolutePath().normalize();
        GroundTruth t = GroundTruth.read(truth);
        List<Evaluation.ScoredAlert> scored = new ArrayList<>();
        Map<String, List<GroundTruth.LineRef>> linesOfAlert = new HashMap<>();
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
            linesOfAlert.put(a.path("id").asText(), refs);
        }
        List<Evaluation.ScoredIncident> scoredIncidents = incidents == null ? List.of() : readIncidents(linesOfAlert);
        Evaluation.Result r = Evaluation.score(t, scored, scoredIncidents);
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            EvaluationWriter.json(r, out);
        } else {
            EvaluationWriter.table(r, incidents != null, true, out);
        }
        out.flush();
        return CloudWardenCli.EXIT_OK;
    }

    private List<Evaluation.ScoredIncident> readIncidents(Map<String, List<GroundTruth.LineRef>> linesOfAlert) throws IOException {
        List<Evaluation.ScoredIncident> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(incidents);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode n = Json.MAPPER.readTree(lines.get(i));
            if (n == null || !n.has("alerts") || !n.has("id")) {
                throw new ParameterException(spec.commandLine(), incidents + ":" + (i + 1) + ": not an incident (id, alerts)");
            }
            Set<String> categories = new LinkedHashSet<>();
            for (String field : List.of("initial_access", "actions", "malware")) {
                n.path(field).forEach(c -> categories.add(c.asText()));
            }
            List<GroundTruth.LineRef> refs = new ArrayList<>();
            for (JsonNode a : n.get("alerts")) {
                List<GroundTruth.LineRef> of = linesOfAlert.get(a.path("id").asText());
                if (of == null) {
                    throw new ParameterException(spec.commandLine(), incidents + ":" + (i + 1) + ": alert "
                            + TerminalText.safe(a.path("id").asText()) + " is not in " + alerts);
                }
                refs.addAll(of);
            }
            out.add(new Evaluation.ScoredIncident(n.get("id").asText(), categories, refs));
        }
        return out;
    }
}
