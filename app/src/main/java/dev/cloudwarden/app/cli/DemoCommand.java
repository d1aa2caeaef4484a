package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.output.AlertWriter;
import dev.cloudwarden.app.output.EvaluationWriter;
import dev.cloudwarden.app.output.IncidentWriter;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.incident.Incident;
import dev.cloudwarden.engine.incident.IncidentUpdate;
import dev.cloudwarden.engine.ingest.IngestOptions;
import dev.cloudwarden.engine.ingest.IngestStats;
import dev.cloudwarden.engine.ingest.Rejection;
import dev.cloudwarden.engine.ingest.read.Input;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.match.IntelIndex;
import dev.cloudwarden.engine.intel.starter.StarterIntel;
import dev.cloudwarden.engine.run.DetectionRun;
import dev.cloudwarden.engine.run.FileSource;
import dev.cloudwarden.engine.run.IncidentSink;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.run.RunStats;
import dev.cloudwarden.engine.run.SinkFailedException;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.load.RuleFiles;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.simulate.Simulation;
import dev.cloudwarden.simulate.eval.Evaluation;
import dev.cloudwarden.simulate.eval.GroundTruth;
import dev.cloudwarden.simulate.write.SimulationWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import dev.cloudwarden.app.server.ServeConfig;
import dev.cloudwarden.app.server.Service;
import dev.cloudwarden.app.store.ApiTokens;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.engine.run.AlertSink;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code cloudwarden demo}: the main job on the embedded default. Simulates every attack scenario of the threat
 * catalog in a day of benign traffic, scans it with the built-in rules, builds incidents, scores the alerts
 * against the simulation's ground truth, and writes it all under one folder.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Simulates every catalog scenario in benign traffic, scans it, prints the incidents and the evaluation, "
                + "and checks the estate's configuration for the misconfigurations behind them.")
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for logs and results (default: a new temporary folder).")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulation. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--events", defaultValue = "20000", paramLabel = "N", description = "Background events. Default: ${DEFAULT-VALUE}.")
    long events;

    @Option(names = "--background-only", description = "Simulate benign traffic only (no attacks): a false-positive check.")
    boolean backgroundOnly;

    @Option(names = "--incident-level", defaultValue = "medium", paramLabel = "LEVEL",
            description = "Alerts of this level and above form incidents and are scored, plus the built-in pack's own "
                    + "low-level signatures. Default: ${DEFAULT-VALUE}.")
    String incidentLevel;

    @Option(names = "--serve", description = "Then keep the results in a store under the folder and open them in the "
            + "web UI: prints the address and a new admin token to sign in with (its last line); Ctrl-C stops.")
    boolean serve;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "The UI's port with --serve (on 127.0.0.1). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--flink", description = {"Run the detection as the Flink job instead: the logs go through a Kafka "
            + "broker inside this JVM and the job runs on a local MiniCluster; the incidents (and their ids) are the "
            + "same. Needs the scale-out runtime, which the cloudwarden launcher adds for this option."})
    boolean flink;

    @Mixin
    RunMixin run;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Path dir = out != null ? out : Files.createTempDirectory("cloudwarden-demo-");
        Instant start = Instant.now().minus(Duration.ofHours(24)).truncatedTo(ChronoUnit.HOURS);
        var scenarios = backgroundOnly ? List.<dev.cloudwarden.simulate.scenario.Scenario>of() : Simulation.allScenarios();
        new Simulation(seed, start, Duration.ofHours(24)).write(dir, scenarios, events);
        Path logs = dir.resolve(SimulationWriter.LOGS);
        err.printf("Simulated %d scenarios in %,d background events under %s%n", scenarios.size(), events, logs);

        RuleSet rules = RuleSet.compile(RuleFiles.builtIn(), SigmaConfig.defaults(),
                dev.cloudwarden.engine.sigma.load.RuleTuning.builtIn());
        // the shipped starter intel only (no user store), so the demo is the same on every machine
        List<Indicator> intel = StarterIntel.indicators();
        RunConfig config = run.config(spec, rules, IntelIndex.of(intel))
                .withIncidents(RunMixin.incidents(spec, incidentLevel));
        Path results = dir.resolve("results");
        Files.createDirectories(results);
        List<Rejection> rejected = new ArrayList<>();
        List<Incident> incidents = new ArrayList<>();
        PlatformStore store = serve ? PlatformStore.open(dir.resolve("store.duckdb").toString()) : null;
        IngestStats stats;
        RunStats runStats;
        // Alerts and final incidents go to their files as event time advances; only the incidents stay in memory.
        try (OutputStream alertFile = new BufferedOutputStream(Files.newOutputStream(results.resolve("alerts.ndjson")), 1 << 16);
             Writer incidentFile = Files.newBufferedWriter(results.resolve("incidents.ndjson"), StandardCharsets.UTF_8);
             AlertWriter alerts = AlertWriter.create(AlertWriter.Format.json, stdout, alertFile, false)) {
            IncidentSink file = IncidentSink.closedOnly(IncidentWriter.sink(incidentFile, false));
            IncidentSink sink = new IncidentSink() {
                @Override
                public void accept(IncidentUpdate u) throws IOException {
                    file.accept(u);
                    if (u.kind() == IncidentUpdate.Kind.CLOSED) {
                        incidents.add(u.incident());
                    }
                }

                @Override
                public void flush() throws IOException {
                    file.flush();
                }

                @Override
                public boolean wantsLiveUpdates() {
                    return false; // the demo keeps final incidents only
                }
            };
            AlertSink alertSink = store == null ? alerts : AlertSink.both(alerts, store.alertSink());
            IncidentSink incidentSink = store == null ? sink : IncidentSink.both(sink, store.incidentSink());
            if (flink) {
                ScaleOut scaleOut = ScaleOut.find().orElseThrow(() -> new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "--flink needs the scale-out runtime on the class path: run it with the "
                        + "cloudwarden launcher, which adds it"));
                long events;
                try {
                    events = scaleOut.replay(config, new ScaleOut.JobOptions(true, true, run.suppressions, incidentLevel),
                            logs, alertSink, incidentSink);
                } catch (IOException | InterruptedException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("the Flink job failed: " + e.getMessage(), e);
                }
                stats = null;
                runStats = null;
                err.printf(Locale.ROOT, "Ran %,d events through the Flink job on a local MiniCluster%n", events);
            } else {
                try (DetectionRun detection = new DetectionRun(config, alertSink, incidentSink)) {
                    stats = FileSource.read(detection, Input.expand(List.of(logs.toString()), () -> System.in, Instant.now()),
                            IngestOptions.defaults(), rejected::add);
                    detection.finish();
                    runStats = detection.stats();
                } catch (SinkFailedException e) {
                    return SinkFailures.report(spec, e);
                }
            }
        }
        rejected.forEach(r -> err.println("error: " + r.message()));
        if (stats != null) {
            err.printf(Locale.ROOT, "Scanned %,d events with %d rules, the behavioral detectors and %,d starter indicators: "
                    + "%,d alerts from %,d matches, %,d incidents%n%n", stats.events(), rules.rules().size(), intel.size(),
                    runStats.alerts(), runStats.matches(), incidents.size());
        }

        stdout.printf("%d incidents%n", incidents.size());
        IncidentWriter.table(incidents, stdout);
        stdout.println();
        // every alert that formed an incident is scored: what the incidents were built from
        List<Alert> significant = incidents.stream().flatMap(i -> i.alerts().stream()).toList();
        Evaluation.Result eval = Evaluation.score(GroundTruth.read(dir.resolve("truth.jsonl")),
                significant.stream().map(a -> Evaluation.ScoredAlert.of(a, logs)).toList(),
                incidents.stream().map(i -> Evaluation.ScoredIncident.of(i, logs)).toList());
        EvaluationWriter.table(eval, true, false, stdout);
        stdout.println();
        DemoPosture.scan(dir.resolve(dev.cloudwarden.simulate.estate.EstateConfig.CONFIG), incidents, store, stdout);
        if (!incidents.isEmpty()) {
            stdout.printf("%nThe landscape report of the simulated day: %s%n", landscapeReport(results, incidents, store));
        }
        stdout.printf("%nResults (alerts, incidents, logs, ground truth, report) are under %s%n", dir);
        stdout.flush();
        if (store != null) {
            openInTheUi(store, dir, config, intel);
        }
        return rejected.isEmpty() ? CloudWardenCli.EXIT_OK : CloudWardenCli.EXIT_REJECTED_INPUT;
    }

    /**
     * The landscape report over the demo's incidents, for the whole days they span, as {@code cloudwarden report}
     * writes it: from the store when the demo keeps one, else from its incidents file.
     */
    private static Path landscapeReport(Path results, List<Incident> incidents, PlatformStore store) throws IOException {
        Instant first = incidents.stream().map(Incident::first).min(Instant::compareTo).orElseThrow();
        Instant last = incidents.stream().map(Incident::last).max(Instant::compareTo).orElseThrow();
        Instant start = first.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        Instant end = last.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(java.time.Duration.ofDays(1));
        dev.cloudwarden.app.report.ReportView view;
        if (store != null) {
            view = dev.cloudwarden.app.report.LandscapeReport.of(store, start, end, true);
        } else {
            try (var loaded = dev.cloudwarden.app.report.IncidentFileStore.load(results.resolve("incidents.ndjson"),
                    (line, reason) -> {
                        throw new IllegalStateException("the demo's own incidents file, line " + line + ": " + reason);
                    })) {
                view = dev.cloudwarden.app.report.LandscapeReport.of(loaded.store(), start, end, false);
            }
        }
        Path html = results.resolve("report.html");
        Files.writeString(html, dev.cloudwarden.app.report.ReportWriter.html(view), StandardCharsets.UTF_8);
        dev.cloudwarden.app.report.ReportWriter.data(view, results.resolve("report-data"));
        return html;
    }

    /** Serves the demo's store to the web UI, signed in with a token made for it, until Ctrl-C. */
    private void openInTheUi(PlatformStore store, Path dir, RunConfig config, List<Indicator> intel)
            throws IOException, InterruptedException {
        String token = ApiTokens.newToken();
        store.createToken(PlatformStoreOption.CLI_ACTOR, "demo", Role.ADMIN, ApiTokens.hash(token));
        ServeConfig settings = new ServeConfig(new ServeConfig.Server("127.0.0.1", port, null, null, null), null,
                null, null, null, null, new ServeConfig.Hunting(dir.resolve("events").toString(), null));
        Service service = Service.start(settings, config, intel, store);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("%nThe web UI: open http://127.0.0.1:%d/ and sign in with this admin token (Ctrl-C stops):%n%s%n",
                service.port(), token);
        stdout.flush();
        ServeCommand.untilStopped(service);
    }
}
