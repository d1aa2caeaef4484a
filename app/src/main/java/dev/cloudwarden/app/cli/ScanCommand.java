package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.intel.LoadedIntel;
import dev.cloudwarden.app.output.AlertWriter;
import dev.cloudwarden.app.output.IncidentWriter;
import dev.cloudwarden.engine.incident.AlertSelection;
import dev.cloudwarden.engine.incident.Incident;
import dev.cloudwarden.engine.incident.IncidentBuilder;
import dev.cloudwarden.engine.incident.IncidentOptions;
import dev.cloudwarden.app.output.TerminalText;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.behavior.BehaviorConfig;
import dev.cloudwarden.engine.ingest.IngestStats;
import dev.cloudwarden.engine.intel.match.IntelDetector;
import dev.cloudwarden.engine.sigma.DetectionPipeline;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.model.Level;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code cloudwarden scan PATH...}: run the rules over logs and print alerts. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Runs Sigma rules (the built-in pack plus any --rules) over logs and prints alerts.",
                "Exit code: 1 an alert at or above --fail-on fired, 0 otherwise; 3 some input was rejected "
                        + "(and no alert reached --fail-on); 2 usage error or rule errors."})
public final class ScanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    IngestMixin ingest;

    @Mixin
    RulesMixin rules;

    @Mixin
    StoreMixin store;

    @Option(names = "--no-intel", description = {"Do not match threat intel. By default the store's current indicators "
            + "(cloudwarden intel import) and the shipped starter intel are matched against every event, their alerts "
            + "join incidents, and sightings are added to the store (when it exists or --store is given)."})
    boolean noIntel;

    @Option(names = "--no-behavior", description = {"Do not run the behavioral detectors (volume baselines between "
            + "networks and per principal, bursts of new virtual hosts, first-seen cloud-storage APIs and beacons): "
            + "the rules, correlations and intel only."})
    boolean noBehavior;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Log files or directories; - reads stdin.")
    List<String> paths;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "table, json (alerts as NDJSON) or ocsf (OCSF Detection Findings). Default: table on a terminal, json otherwise.")
    AlertWriter.Format format;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "high",
            description = "Exit 1 when an alert of this level or above fires: informational, low, medium, high, critical. Default: ${DEFAULT-VALUE}.")
    String failOn;

    @Option(names = "--allowed-lateness", paramLabel = "DURATION", defaultValue = "PT1H",
            description = {"How far out of event-time order rule matches may arrive and still correlate (ISO-8601, e.g. PT15M). "
                    + "Inputs are read at once and merged by event time (one lane per file, or per folder of more than "
                    + "16 files, read in name order), so only the disorder within a lane counts: CloudTrail delivers within "
                    + "about 15 minutes. Matches wait in memory until the bound passes. Default: ${DEFAULT-VALUE}."})
    java.time.Duration allowedLateness;

    @Option(names = "--incidents", paramLabel = "FILE",
            description = {"Also build incidents from the alerts (alerts sharing principals, keys, addresses, instances, "
                    + "buckets, clusters within an hour merge) and write them to FILE as NDJSON."})
    Path incidents;

    @Option(names = "--incident-level", defaultValue = "medium", paramLabel = "LEVEL",
            description = "With --incidents: alerts of this level and above form incidents, plus the built-in pack's own "
                    + "low-level signatures. Default: ${DEFAULT-VALUE}.")
    String incidentLevel;

    @Override
    public Integer call() throws IOException {
        AlertSelection formsIncidents = new AlertSelection(Level.parse(incidentLevel).orElseThrow(() ->
                new picocli.CommandLine.ParameterException(spec.commandLine(), "unknown --incident-level '" + incidentLevel + "'")));
        List<Alert> incidentAlerts = new ArrayList<>();
        Level threshold = Level.parse(failOn).orElseThrow(() -> new picocli.CommandLine.ParameterException(
                spec.commandLine(), "unknown --fail-on level '" + failOn + "'"));
        PrintWriter err = spec.commandLine().getErr();
        RuleSet ruleSet = rules.load(spec);
        if (!ruleSet.errors().isEmpty()) {
            ruleSet.errors().forEach(e -> err.println("rule error: " + TerminalText.safe(e.toString())));
            err.println(ruleSet.errors().size() + " rule errors; fix them or leave those files out (cloudwarden rules validate)");
            return CloudWardenCli.EXIT_USAGE;
        }
        err.printf("%d rules and %d correlations loaded from %d files%s%n", ruleSet.rules().size(),
                ruleSet.correlations().size(), ruleSet.files(), RulesMixin.replacedNote(ruleSet));
        AlertWriter.Format chosen = format != null ? format
                : Terminal.stdoutIsTerminal() ? AlertWriter.Format.table : AlertWriter.Format.json;
        AlertWriter writer = AlertWriter.create(chosen, spec.commandLine().getOut());
        LoadedIntel intel = noIntel ? null : LoadedIntel.load(store.path(), store.given(), true);
        DetectionPipeline pipeline = new DetectionPipeline(ruleSet, allowedLateness,
                noBehavior ? BehaviorConfig.disabled() : BehaviorConfig.defaults(),
                intel == null ? null : intel.index());
        IntelDetector intelDetector = pipeline.intel().orElse(null);
        if (intel != null) {
            if (intel.storeProblem() != null) {
                err.println("warning: " + TerminalText.safe(intel.storeProblem()) + "; scanning without the store's intel");
            }
            err.printf(Locale.ROOT, "%,d intel indicators (%,d from the store, %,d starter) indexed in %.1f s%n",
                    intel.indicators().size(), intel.fromStore(), intel.fromStarter(), intel.took().toMillis() / 1000.0);
        }
        Map<String, Integer> byLevel = new TreeMap<>();
        boolean[] failed = {false};
        java.util.function.Consumer<Alert> onAlert = a -> {
            try {
                writer.write(a);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            byLevel.merge(a.level() == null ? "none" : a.level().id(), 1, Integer::sum);
            failed[0] |= a.level() != null && a.level().compareTo(threshold) >= 0;
            if (incidents != null && formsIncidents.test(a)) {
                incidentAlerts.add(a);
            }
        };
        IngestStats stats = IngestRun.run(ingest, paths, spec, pipeline.readAhead(), new IngestRun.EventConsumer() {
            @Override
            public void accept(Event event) {
                pipeline.process(event, onAlert);
            }

            @Override
            public void finish() throws IOException {
                pipeline.finish(onAlert);
                writer.close();
            }
        });
        if (pipeline.correlations().lateMatches() > 0) {
            err.printf(Locale.ROOT, "%,d rule matches arrived later than the allowed lateness and were left out of correlations%n",
                    pipeline.correlations().lateMatches());
        }
        if (intelDetector != null && !intelDetector.sightings().isEmpty()
                && (store.given() || Files.exists(store.path()))) {
            try {
                int n = intel.saveSightings(store.path(), intelDetector.sightings());
                err.printf(Locale.ROOT, "%,d intel sightings added to %s%n", n, TerminalText.safe(store.path().toString()));
            } catch (IOException e) {
                err.println("warning: intel sightings not saved: " + TerminalText.safe(e.getMessage()));
            }
        }
        int total = byLevel.values().stream().mapToInt(Integer::intValue).sum();
        err.printf(Locale.ROOT, "%,d alerts%s%n", total, total == 0 ? "" : " " + byLevel);
        if (incidents != null) {
            // alerts of correlations come out up to the allowed lateness after their time
            List<Incident> built = IncidentBuilder.build(incidentAlerts,
                    IncidentOptions.defaults().withAllowedLateness(allowedLateness.plusHours(2)));
            try (Writer w = Files.newBufferedWriter(incidents, StandardCharsets.UTF_8)) {
                IncidentWriter.ndjson(built, w);
            }
            err.printf(Locale.ROOT, "%,d incidents from %,d alerts written to %s%n", built.size(), incidentAlerts.size(), incidents);
        }
        err.flush();
        if (failed[0]) {
            return CloudWardenCli.EXIT_FINDINGS;
        }
        return stats.rejected() > 0 ? CloudWardenCli.EXIT_REJECTED_INPUT : CloudWardenCli.EXIT_OK;
    }
}
