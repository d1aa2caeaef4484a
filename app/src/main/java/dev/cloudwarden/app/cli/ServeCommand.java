package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.intel.LoadedIntel;
import dev.cloudwarden.app.intel.store.IocStore;
import dev.cloudwarden.app.output.TerminalText;
import dev.cloudwarden.app.server.ServeConfig;
import dev.cloudwarden.app.server.ServeConfigFile;
import dev.cloudwarden.app.server.Service;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.StoreException;
import dev.cloudwarden.engine.behavior.BehaviorConfig;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.run.Suppressions;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code cloudwarden serve}: the standing service (live inputs, the store, the API) until it is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs CloudWarden as a service: watched files and POST /api/v1/events feed one detection run; "
                + "alerts and incidents go to the store; the API (Bearer tokens from 'cloudwarden tokens create') lists, "
                + "triages and hunts them. Stops cleanly on Ctrl-C or SIGTERM after writing what it has queued.",
                "Settings come from --config (cloudwarden.yml), then CLOUDWARDEN_* environment variables, then these options."})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "cloudwarden.yml with the service's settings (see README).")
    Path config;

    @Option(names = "--watch", paramLabel = "PATH", description = "A file or folder to follow as tail -F does; repeatable.")
    List<String> watch = new ArrayList<>();

    @Option(names = "--port", paramLabel = "N", description = "The API's port (default 8080; 0 picks a free one).")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "The address to listen on (default 127.0.0.1).")
    String bind;

    @Mixin
    PlatformStoreOption store;

    @Mixin
    RulesMixin rules;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ServeConfig settings;
        try {
            settings = withOptions(ServeConfigFile.load(config, System.getenv()));
        } catch (ServeConfigFile.ConfigException | IllegalArgumentException e) {
            err.println("cloudwarden serve: " + TerminalText.safe(e.getMessage()));
            return CloudWardenCli.EXIT_USAGE;
        }
        settings.rules().forEach(r -> rules.paths.add(Path.of(r)));
        RuleSet ruleSet = rules.load(spec);
        if (!ruleSet.errors().isEmpty()) {
            ruleSet.errors().forEach(e -> err.println("rule error: " + TerminalText.safe(e.toString())));
            return CloudWardenCli.EXIT_USAGE;
        }
        String location = settings.store() != null ? settings.store() : IocStore.defaultPath().toString();
        boolean duckdb = !location.startsWith("postgresql:") && !location.startsWith("jdbc:postgresql:");
        // the DuckDB store's intel is read (and the file released) before the platform store opens it
        LoadedIntel intel = LoadedIntel.load(duckdb ? Path.of(location) : null, false, true);
        RunConfig run = RunConfig.of(ruleSet).withBehavior(BehaviorConfig.defaults()).withIntel(intel.index())
                .withIncidents(RunConfig.Incidents.defaults());
        if (settings.suppressions() != null) {
            try {
                run = run.withSuppressions(Suppressions.parse(settings.suppressions(),
                        Files.readString(Path.of(settings.suppressions())), Instant.now()));
            } catch (java.io.IOException e) {
                err.println("cloudwarden serve: cannot read suppressions " + TerminalText.safe(e.getMessage()));
                return CloudWardenCli.EXIT_USAGE;
            } catch (Suppressions.InvalidSuppressionsException e) {
                err.println("cloudwarden serve: suppressions: " + TerminalText.safe(String.join("\n", e.problems())));
                return CloudWardenCli.EXIT_USAGE;
            }
        }
        PlatformStore platform;
        try {
            platform = PlatformStore.open(location);
        } catch (StoreException e) {
            err.println("cloudwarden serve: " + TerminalText.safe(e.getMessage()));
            return CloudWardenCli.EXIT_USAGE;
        }
        err.printf("%d rules and %d correlations loaded; %,d intel indicators%n", ruleSet.rules().size(),
                ruleSet.correlations().size(), intel.indicators().size());
        Service service;
        try {
            service = Service.start(settings, run, intel.indicators(), platform);
        } catch (IllegalArgumentException e) {
            platform.close();
            err.println("cloudwarden serve: " + TerminalText.safe(e.getMessage()));
            return CloudWardenCli.EXIT_USAGE;
        }
        err.printf("listening on %s://%s:%d (store %s); Ctrl-C stops%n", service.scheme(),
                TerminalText.safe(settings.server().bind()), service.port(), TerminalText.safe(platform.display()));
        err.flush();
        untilStopped(service);
        return CloudWardenCli.EXIT_OK;
    }

    /** Waits until the process is told to stop (Ctrl-C, SIGTERM); the service then writes what it holds and closes. */
    /** Serves until the JVM is asked to stop (Ctrl-C, SIGTERM), or until this thread is interrupted. */
    static void untilStopped(Service service) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "cloudwarden-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            // stopped from within the JVM (an embedding program, a test): close here, the hook is not needed
            if (Runtime.getRuntime().removeShutdownHook(hook)) {
                service.close();
            }
            throw e;
        }
    }

    private ServeConfig withOptions(ServeConfig c) {
        ServeConfig.Server s = c.server();
        ServeConfig.Server server = new ServeConfig.Server(bind != null ? bind : s.bind(), port != null ? port : s.port(),
                s.tls(), s.maxBodyBytes(), s.queueEvents());
        List<String> watched = new ArrayList<>(c.inputs().watch());
        watched.addAll(watch);
        ServeConfig.Inputs inputs = new ServeConfig.Inputs(watched, c.inputs().pollInterval(), c.inputs().s3());
        return new ServeConfig(server, store.location != null ? store.location : c.store(), inputs, c.detection(), c.rules(),
                c.suppressions(), c.hunting(), c.tokens());
    }
}
