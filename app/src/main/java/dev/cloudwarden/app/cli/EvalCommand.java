package dev.cloudwarden.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.alert.AlertCodec;
import dev.cloudwarden.engine.incident.IncidentCodec;
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
import java.util.List;
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

    @Option(names = "--respond", description = "With --incidents: also the time to contain each scenario's incident: "
            + "from its first alert to its first containment step, the built-in playbooks run against the simulated AWS.")
    boolean respond;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (respond && incidents == null) {
            throw new ParameterException(spec.commandLine(), "--respond needs --incidents");
        }
        for (Path p : incidents == null ? List.of(truth, alerts) : List.of(truth, alerts, incidents)) {
            if (!Files.isRegularFile(p)) {
                throw new ParameterException(spec.commandLine(), "no such file: " + p);
            }
        }
        Path root = (logs != null ? logs : truth.toAbsolutePath().getParent().resolve("logs")).toAbsolutePath().normalize();
        GroundTruth t = GroundTruth.read(truth);
        List<Evaluation.ScoredAlert> scored = new ArrayList<>();
        forEachLine(alerts, (line, n) -> scored.add(Evaluation.ScoredAlert.of(AlertCodec.read(n), root)));
        List<Evaluation.ScoredIncident> scoredIncidents = new ArrayList<>();
        List<dev.cloudwarden.engine.incident.Incident> read = new ArrayList<>();
        if (incidents != null) {
            forEachLine(incidents, (line, n) -> read.add(IncidentCodec.read(n).incident()));
            read.forEach(i -> scoredIncidents.add(Evaluation.ScoredIncident.of(i, root)));
        }
        Evaluation.Result r = Evaluation.score(t, scored, scoredIncidents);
        PrintWriter out = spec.commandLine().getOut();
        var containment = respond ? dev.cloudwarden.app.respond.ScenarioContainment.measure(t, read, root) : null;
        if (format.equals("json")) {
            EvaluationWriter.json(r, out);
            if (containment != null) {
                dev.cloudwarden.app.respond.ScenarioContainment.json(containment, out);
            }
        } else {
            EvaluationWriter.table(r, incidents != null, true, out);
            if (containment != null) {
                out.println();
                dev.cloudwarden.app.respond.ScenarioContainment.table(containment, out);
            }
        }
        out.flush();
        return CloudWardenCli.EXIT_OK;
    }

    /** What to do with one record of an NDJSON file. */
    @FunctionalInterface
    private interface LineHandler {
        void accept(int line, JsonNode record);
    }

    /** Each non-blank line of {@code file} as JSON; the first malformed one stops the command, named by file:line. */
    private void forEachLine(Path file, LineHandler handler) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                handler.accept(i + 1, Json.MAPPER.readTree(lines.get(i)));
            } catch (IOException | IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), file + ":" + (i + 1) + ": "
                        + TerminalText.safe(e.getMessage()));
            }
        }
    }
}
