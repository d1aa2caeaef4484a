package dev.cloudwarden.bench;

import dev.cloudwarden.app.aws.AwsClientConfig;
import dev.cloudwarden.app.respond.Playbooks;
import dev.cloudwarden.app.respond.ResponseActions;
import dev.cloudwarden.app.respond.action.Actions;
import dev.cloudwarden.app.respond.aws.AwsClients;
import dev.cloudwarden.app.respond.playbook.Playbook;
import dev.cloudwarden.app.respond.run.Clients;
import dev.cloudwarden.app.respond.run.Planner;
import dev.cloudwarden.app.respond.run.ResponsePlan;
import dev.cloudwarden.app.respond.run.ResponseRunner;
import dev.cloudwarden.app.respond.run.RunReport;
import dev.cloudwarden.app.respond.run.StepResult;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import dev.cloudwarden.engine.incident.Incident;
import dev.cloudwarden.simulate.cloud.FakeAws;
import dev.cloudwarden.simulate.scenario.World;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code respond}: the whole isolate-snapshot-redeploy playbook ({@code compromised-instance}: snapshot, console,
 * protect, quarantine, detach, remove the role, launch the replacement, and — approved — terminate) on one instance
 * of the simulated estate, with the real SDK clients against the fake AWS on loopback and the executor keeping its
 * state and audit trail in DuckDB, waits not taken (the fake completes snapshots at once). A fresh fake and store each
 * round; the first round warms up. Baseline in the same run: one DescribeInstances round trip through the same client.
 */
final class RespondBench {
    private RespondBench() {
    }

    static void run(String[] args) throws Exception {
        BenchArgs opts = BenchArgs.parse(args, 10);
        Actions actions = ResponseActions.builtIn();
        Playbook playbook = Playbooks.builtIn(actions).playbooks().stream()
                .filter(p -> p.id().equals("compromised-instance")).findFirst().orElseThrow();
        String instance = World.INSTANCES.get(0)[0];
        Event e = Event.builder(SourceType.CLOUDTRAIL, Instant.parse("2026-12-01T00:00:00Z"),
                RawRecord.ofJson("{\"eventName\":\"RunInstances\"}".getBytes(StandardCharsets.UTF_8))).build();
        Incident incident = Incident.of(List.of(new Alert("bench", "r", "miner", Level.HIGH, e.time(),
                List.of("cloudwarden.a3"), List.of(e))), List.of(new Entity(EntityType.INSTANCE, instance)));
        List<Double> totals = new ArrayList<>();
        List<Double> baselines = new ArrayList<>();
        Map<String, List<Double>> perStep = new LinkedHashMap<>();
        for (int round = -1; round < opts.rounds(); round++) {
            Path dir = Files.createTempDirectory("cw-respond-bench");
            try (FakeAws aws = FakeAws.startWithEstate(0);
                 PlatformStore store = PlatformStore.open(dir.resolve("cw.duckdb").toString());
                 AwsClients clients = new AwsClients(AwsClientConfig.withKeys("us-east-1", aws.endpoint(), "AKIABENCH", "bench"))) {
                ResponsePlan plan = new Planner(actions, Clock.systemUTC()).plan(incident, playbook);
                ResponseRunner runner = new ResponseRunner(store, Clients.none().with(AwsClients.class, clients), "bench",
                        Clock.systemUTC(), ResponseRunner.Pauser.NONE);
                long b0 = System.nanoTime();
                clients.ec2().describeInstances(r -> r.instanceIds(instance));
                double baseline = (System.nanoTime() - b0) / 1e6;
                runner.approve(plan, "terminate");
                long t0 = System.nanoTime();
                RunReport report = runner.execute(plan);
                double ms = (System.nanoTime() - t0) / 1e6;
                if (!report.complete() || report.failed()) {
                    throw new IllegalStateException("the playbook did not run through: " + report.reason() + " " + report.results());
                }
                if (round >= 0) {
                    totals.add(ms);
                    baselines.add(baseline);
                    for (StepResult r : report.results()) {
                        perStep.computeIfAbsent(r.step().step().id(), k -> new ArrayList<>())
                                .add(java.time.Duration.between(r.started(), r.finished()).toNanos() / 1e6);
                    }
                    System.out.printf(Locale.ROOT, "round %d: %.0f ms, %d requests at the fake%n", round + 1, ms, aws.requests());
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nisolate-snapshot-redeploy on one instance, %d rounds: median %.0f ms (min %.0f, max %.0f); "
                        + "goal < 2,000 ms%n", totals.size(), median(totals), min(totals), max(totals));
        System.out.printf(Locale.ROOT, "baseline: one DescribeInstances round trip, median %.1f ms%n", median(baselines));
        perStep.forEach((step, ms) -> System.out.printf(Locale.ROOT, "  %-12s median %6.1f ms%n", step, median(ms)));
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static double min(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    private static double max(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
