package dev.cloudwarden.app.respond;

import dev.cloudwarden.app.aws.AwsClientConfig;
import dev.cloudwarden.app.respond.action.Actions;
import dev.cloudwarden.app.respond.action.Effect;
import dev.cloudwarden.app.respond.aws.AwsClients;
import dev.cloudwarden.app.respond.evidence.EvidenceFolder;
import dev.cloudwarden.app.respond.evidence.EvidenceStore;
import dev.cloudwarden.app.respond.playbook.Playbook;
import dev.cloudwarden.app.respond.run.Clients;
import dev.cloudwarden.app.respond.run.Planner;
import dev.cloudwarden.app.respond.run.ResponsePlan;
import dev.cloudwarden.app.respond.run.ResponseRunner;
import dev.cloudwarden.app.respond.run.RunReport;
import dev.cloudwarden.app.respond.run.StepResult;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.ResponseStep;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityExtractor;
import dev.cloudwarden.engine.incident.Incident;
import dev.cloudwarden.simulate.cloud.FakeAws;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Time to contain a simulated incident (issue 14's response-time figure): from its first alert to the first
 * containment step that succeeded, counted as two parts:
 * <ol>
 *   <li><b>to trigger</b>, in event time: from the first alert to the alert after which the incident first meets a
 *       built-in playbook that has a containment step (its categories are often known only from a later alert);</li>
 *   <li><b>to contain</b>, measured: the built-in playbooks that answer it, run with the real SDK clients against the
 *       fake of the AWS endpoints holding the simulated estate, waits not taken (the fake completes snapshots at once),
 *       until the first containment step succeeds. Evidence steps that come first are counted: R1 wants them first.</li>
 * </ol>
 * Steps needing an approval are not run (a person approves them); a Kubernetes step has no cluster here and fails,
 * so a workload's containment is counted by its host and network steps.
 */
public final class ContainmentTimer implements AutoCloseable {
    private final FakeAws aws;
    private final PlatformStore store;
    private final Actions actions;
    private final List<Playbook> playbooks;
    private final Clients clients;
    private final EntityExtractor extractor = EntityExtractor.defaults();

    /** @param work a folder for the responses' state and evidence */
    public ContainmentTimer(Path work) throws IOException {
        this.aws = FakeAws.startWithEstate(0);
        this.store = PlatformStore.open(work.resolve("responses.duckdb").toString());
        this.actions = ResponseActions.builtIn();
        this.playbooks = Playbooks.builtIn(actions).playbooks();
        AwsClients awsClients = new AwsClients(AwsClientConfig.withKeys("us-east-1", aws.endpoint(),
                "AKIAIOSFODNN7EXAMPLE", "simulated"));
        this.clients = Clients.none().with(AwsClients.class, awsClients)
                .with(EvidenceStore.class, new EvidenceFolder(work.resolve("evidence")));
    }

    /**
     * @param toTrigger event time from the first alert to the alert that made a playbook answer it
     * @param toContain measured time of the response up to its first containment
     * @param step      the containment step ({@code playbook/step@target})
     */
    public record Timing(Duration toTrigger, Duration toContain, String step) {
        public Duration total() {
            return toTrigger.plus(toContain);
        }
    }

    /** Empty when no playbook contains it (no playbook answers, or none of their containment steps succeeded). */
    public Optional<Timing> time(Incident incident) throws InterruptedException {
        Optional<Instant> trigger = triggerTime(incident);
        if (trigger.isEmpty()) {
            return Optional.empty();
        }
        Planner planner = new Planner(actions, Clock.systemUTC());
        ResponseRunner runner = new ResponseRunner(store, clients, "eval", Clock.systemUTC(), ResponseRunner.Pauser.NONE);
        long started = System.nanoTime();
        for (ResponsePlan plan : planner.plans(incident, playbooks)) {
            RunReport report = runner.execute(plan);
            for (StepResult r : report.results()) {
                if (r.status().equals(ResponseStep.SUCCEEDED) && r.step().action().effect() == Effect.CONTAINMENT) {
                    return Optional.of(new Timing(Duration.between(incident.first(), trigger.get()),
                            Duration.ofNanos(System.nanoTime() - started), plan.playbook().id() + "/" + r.step().key()));
                }
            }
        }
        return Optional.empty();
    }

    /** The time of the first alert after which the incident's alerts so far meet a playbook with a containment step. */
    private Optional<Instant> triggerTime(Incident incident) {
        List<Alert> byTime = new ArrayList<>(incident.alerts());
        byTime.sort(java.util.Comparator.comparing(Alert::time).thenComparing(Alert::id));
        List<Alert> prefix = new ArrayList<>();
        TreeSet<Entity> entities = new TreeSet<>();
        for (Alert a : byTime) {
            prefix.add(a);
            entities.addAll(extractor.entities(a));
            Incident sofar = Incident.of(incident.id(), prefix, entities);
            boolean answered = playbooks.stream().anyMatch(p -> p.trigger().matches(sofar) && p.steps().stream()
                    .anyMatch(s -> actions.find(s.action()).map(x -> x.effect() == Effect.CONTAINMENT).orElse(false)
                            && sofar.entities().stream().anyMatch(e -> e.type() == s.target())));
            if (answered) {
                return Optional.of(a.time());
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        clients.get(AwsClients.class).ifPresent(AwsClients::close);
        store.close();
        aws.close();
    }
}
