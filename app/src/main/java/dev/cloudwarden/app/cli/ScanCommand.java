package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.intel.LoadedIntel;
import dev.cloudwarden.app.output.AlertWriter;
import dev.cloudwarden.app.output.IncidentWriter;
import dev.cloudwarden.app.output.TerminalText;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.ingest.IngestStats;
import dev.cloudwarden.engine.intel.match.IntelDetector;
import dev.cloudwarden.engine.run.AlertSink;
import dev.cloudwarden.engine.run.DetectionRun;
import dev.cloudwarden.engine.run.IncidentSink;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.StoreException;
import dev.cloudwarden.engine.run.SinkFailedException;
import dev.cloudwarden.engine.sigma.load.RuleSet;
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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

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

    @Mixin
    ArchiveMixin archive;

    @Option(names = "--no-intel", description = {"Do not match threat intel. By default the store's current indicators "
            + "(cloudwarden intel import) and the shipped starter intel are matched against every event, their alerts "
            + "join incidents, and sightings are added to the store (when it exists or --store is given)."})
    boolean noIntel;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Log files or directories; - reads stdin.")
    List<String> paths;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "table, json (alerts as NDJSON) or ocsf (OCSF Detection Findings). Default: table on a terminal, json otherwise.")
    AlertWriter.Format format;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "high",
            description = "Exit 1 when an alert of this level or above fires: informational, low, medium, high, critical. Default: ${DEFAULT-VALUE}.")
    String failOn;

    @Mixin
    RunMixin run;

    @Option(names = "--raw", description = "Include each event's original record in JSON alerts and incidents.")
    boolean raw;

    @Option(names = "--incidents", paramLabel = "FILE",
            description = {"Also build incidents from the alerts (alerts sharing principals, keys, addresses, instances, "
                    + "buckets, clusters within an hour merge) and write them to FILE as NDJSON."})
    Path incidents;

    @Option(names = "--db", paramLabel = "URL",
            description = {"Keep alerts and incidents in this PostgreSQL store (postgresql://user:password@host:5432/db) "
                    + "instead of the DuckDB --store. With either given, the scan's alerts and incidents are written to it "
                    + "(upserted by their ids: scanning the same logs again leaves the same rows), where serve and the "
                    + "API find them."})
    String db;

    @Option(names = "--incident-level", defaultValue = "medium", paramLabel = "LEVEL",
            description = "With --incidents: alerts of this level and above form incidents, plus the built-in pack's own "
                    + "low-level signatures. Default: ${DEFAULT-VALUE}.")
    String incidentLevel;

    @Override
    public Integer call() throws IOException {
        Level threshold = Level.parse(failOn).orElseThrow(() -> new picocli.CommandLine.ParameterException(
                spec.commandLine(), "unknown --fail-on level '" + failOn + "'"));
        PrintWriter err = spec.commandLine().getErr();
        Supplier<LoadedIntel> loadingIntel = noIntel ? null
                : LoadedIntel.loadInBackground(store.path(), store.given(), true);
        RuleSet ruleSet = rules.load(spec);
        if (!ruleSet.errors().isEmpty()) {
            ruleSet.errors().forEach(e -> err.println("rule error: " + TerminalText.safe(e.toString())));
            err.println(ruleSet.errors().size() + " rule errors; fix them or leave those files out (cloudwarden rules validate)");
            return CloudWardenCli.EXIT_USAGE;
        }
        err.printf("%d rules and %d correlations loaded from %d files%s%n", ruleSet.rules().size(),
                ruleSet.correlations().size(), ruleSet.files(), RulesMixin.replacedNote(ruleSet));
        LoadedIntel intel = noIntel ? null : loadingIntel.get();
        if (intel != null) {
            if (intel.storeProblem() != null) {
                err.println("warning: " + TerminalText.safe(intel.storeProblem()) + "; scanning without the store's intel");
            }
            err.printf(Locale.ROOT, "%,d intel indicators (%,d from the store, %,d starter) indexed in %.1f s%n",
                    intel.indicators().size(), intel.fromStore(), intel.fromStarter(), intel.took().toMillis() / 1000.0);
        }
        RunConfig config = run.config(spec, ruleSet, intel == null ? null : intel.index());
        PlatformStore platform;
        try {
            platform = db != null ? PlatformStore.open(db) : store.given() ? PlatformStore.open(store.path().toString()) : null;
        } catch (StoreException e) {
            err.println("cloudwarden scan: " + TerminalText.safe(e.getMessage()));
            return CloudWardenCli.EXIT_USAGE;
        }
        if (incidents != null || platform != null) {
            config = config.withIncidents(RunMixin.incidents(spec, incidentLevel));
        }
        AlertWriter.Format chosen = format != null ? format
                : Terminal.stdoutIsTerminal() ? AlertWriter.Format.table : AlertWriter.Format.json;
        AlertWriter writer = AlertWriter.create(chosen, spec.commandLine().getOut(),
                CloudWardenCli.stdout(spec.commandLine()), raw);
        boolean[] failed = {false};
        AlertSink stored = platform == null ? AlertSink.NONE : platform.alertSink();
        AlertSink alerts = new AlertSink() {
            @Override
            public void accept(Alert a) throws IOException {
                writer.write(a);
                stored.accept(a);
                failed[0] |= a.level() != null && a.level().compareTo(threshold) >= 0;
            }

            @Override
            public void flush() throws IOException {
                writer.close();
                stored.flush();
            }
        };
        IngestStats stats;
        DetectionRun detection;
        dev.cloudwarden.app.hunt.EventArchive events = archive.open(spec, store.path());
        try (Writer incidentFile = incidents == null ? null : Files.newBufferedWriter(incidents, StandardCharsets.UTF_8);
             PlatformStore kept = platform;
             DetectionRun r = new DetectionRun(config, alerts, incidentSink(incidentFile, platform))) {
            detection = r;
            if (platform != null) {
                // the store is shared with the service: a rule an analyst switched off there stays off here
                java.util.Set<String> off = new java.util.TreeSet<>();
                platform.ruleStates().stream().filter(s -> !s.enabled()).forEach(s -> off.add(s.ruleId()));
                r.disableRules(off);
                if (!off.isEmpty()) {
                    err.printf(Locale.ROOT, "%d rules switched off in the store: %s%n", off.size(),
                            TerminalText.safe(String.join(", ", off)));
                }
            }
            stats = IngestRun.run(ingest, paths, spec, r.readAhead(), config.threads(), new IngestRun.EventConsumer() {
                @Override
                public void accept(Event event) throws IOException {
                    if (events != null) {
                        events.add(event);
                    }
                    r.accept(event);
                }

                @Override
                public void finish() {
                    r.finish();
                }
            });
        } catch (SinkFailedException e) {
            return SinkFailures.report(spec, e);
        } finally {
            if (events != null) {
                archive.finish(events, err);
            }
        }
        detection.detector(IntelDetector.class).ifPresent(d -> saveSightings(err, intel, d));
        RunMixin.summary(err, detection.stats(), detection.lateInputs());
        if (incidents != null) {
            err.printf(Locale.ROOT, "%,d incidents written to %s%n", detection.stats().incidentsClosed(),
                    TerminalText.safe(incidents.toString()));
        }
        if (platform != null) {
            err.printf(Locale.ROOT, "%,d alerts and %,d incidents kept in %s%n", detection.stats().alerts(),
                    detection.stats().incidentsClosed(), TerminalText.safe(platform.display()));
        }
        err.flush();
        if (failed[0]) {
            return CloudWardenCli.EXIT_FINDINGS;
        }
        return stats.rejected() > 0 ? CloudWardenCli.EXIT_REJECTED_INPUT : CloudWardenCli.EXIT_OK;
    }

    /** The incidents file's (final incidents) and the store's (every update), whichever the options ask for. */
    private IncidentSink incidentSink(Writer file, PlatformStore platform) throws IOException {
        IncidentSink toFile = file == null ? null : IncidentSink.closedOnly(IncidentWriter.sink(file, raw));
        IncidentSink toStore = platform == null ? null : platform.incidentSink();
        if (toStore == null) {
            return toFile == null ? IncidentSink.NONE : toFile;
        }
        return toFile == null ? toStore : IncidentSink.both(toFile, toStore);
    }

    private void saveSightings(PrintWriter err, LoadedIntel intel, IntelDetector detector) {
        if (detector.sightings().isEmpty() || !(store.given() || Files.exists(store.path()))) {
            return;
        }
        try {
            int n = intel.saveSightings(store.path(), detector.sightings());
            err.printf(Locale.ROOT, "%,d intel sightings added to %s%n", n, TerminalText.safe(store.path().toString()));
        } catch (IOException e) {
            err.println("warning: intel sightings not saved: " + TerminalText.safe(e.getMessage()));
        }
    }
}
