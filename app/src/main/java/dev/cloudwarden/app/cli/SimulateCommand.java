package dev.cloudwarden.app.cli;

import dev.cloudwarden.simulate.Simulation;
import dev.cloudwarden.simulate.scenario.Scenario;
import dev.cloudwarden.simulate.write.SimulationWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code cloudwarden simulate}: realistic attack telemetry in native log formats, with ground truth. */
@Command(name = "simulate", mixinStandardHelpOptions = true, subcommands = SimulateAwsApiCommand.class,
        description = {"Writes realistic logs of attack scenarios from the threat catalog mixed into benign background "
                + "traffic, one file per log type in its native format, plus truth.jsonl naming every attack line.",
                "Deterministic for a --seed."})
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    // required, but checked in call(): picocli would demand it of "simulate aws-api" too
    @Option(names = "--out", paramLabel = "DIR", description = "Folder to write into (required).")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--events", defaultValue = "20000", paramLabel = "N", description = "Background events. Default: ${DEFAULT-VALUE}.")
    long events;

    @Option(names = "--hours", defaultValue = "24", paramLabel = "H", description = "Length of the simulated period. Default: ${DEFAULT-VALUE}.")
    int hours;

    @Option(names = "--start", paramLabel = "TIME", description = "Start of the period (ISO-8601). Default: that many hours ago, whole hours.")
    Instant start;

    @Option(names = "--scenario", paramLabel = "ID", description = "Only these scenarios (repeatable); 'none' for background only. Default: all.")
    List<String> only = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (out == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--out=DIR'");
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (Scenario s : Simulation.allScenarios()) {
            if (only.isEmpty() || only.contains(s.info().id()) || only.contains(s.info().catalogId())) {
                scenarios.add(s);
            }
        }
        if (!only.isEmpty() && !only.equals(List.of("none")) && scenarios.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no scenario matches " + only + "; known: "
                    + Simulation.allScenarios().stream().map(s -> s.info().id()).toList());
        }
        Instant from = start != null ? start
                : Instant.now().minus(Duration.ofHours(hours)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        List<SimulationWriter.Truth> truth = new Simulation(seed, from, Duration.ofHours(hours)).write(out, scenarios, events);
        Map<String, Integer> perScenario = new TreeMap<>();
        truth.forEach(t -> perScenario.merge(t.scenario(), 1, Integer::sum));
        PrintWriter err = spec.commandLine().getErr();
        err.printf("Wrote %,d background events and %d scenarios: logs in %s, ground truth in %s:%n", events,
                scenarios.size(), out.resolve(SimulationWriter.LOGS), out.resolve("truth.jsonl"));
        for (Scenario s : scenarios) {
            err.printf("  %-28s %-3s %4d lines  %s%n", s.info().id(), s.info().catalogId(),
                    perScenario.getOrDefault(s.info().id(), 0), s.info().title());
        }
        err.flush();
        return CloudWardenCli.EXIT_OK;
    }
}
