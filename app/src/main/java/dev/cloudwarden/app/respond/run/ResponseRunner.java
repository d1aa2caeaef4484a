package dev.cloudwarden.app.respond.run;

import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.ExecutedCall;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.app.respond.playbook.OnFailure;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.ResponseEvent;
import dev.cloudwarden.app.store.ResponseStep;
import dev.cloudwarden.engine.incident.Incident;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a plan, keeping every step's state and every call in the store as it goes, so a run that stops (an API
 * error, a step waiting for approval, a crash) is resumed by running it again: steps that succeeded are not run
 * twice, and each action is idempotent for what a step did half-way.
 *
 * <p>A step that needs approval and has none stops the run there: what follows may depend on it. A failed step
 * follows its {@code on_failure}: stop (the default), continue, or go to a step.
 */
public final class ResponseRunner {
    /** Waits of actions (a snapshot completing): real sleeps in use, none in tests and benchmarks. */
    @FunctionalInterface
    public interface Pauser {
        void pause(long millis) throws InterruptedException;

        Pauser SLEEP = Thread::sleep;
        Pauser NONE = millis -> {
        };
    }

    private final PlatformStore store;
    private final Clients clients;
    private final String actor;
    private final Clock clock;
    private final Pauser pauser;

    public ResponseRunner(PlatformStore store, Clients clients, String actor, Clock clock, Pauser pauser) {
        this.store = store;
        this.clients = clients;
        this.actor = actor;
        this.clock = clock;
        this.pauser = pauser;
    }

    /** Approves {@code stepId} of the plan's response as this runner's actor (audited). */
    public void approve(ResponsePlan plan, String stepId) {
        if (plan.playbook().step(stepId).isEmpty()) {
            throw new IllegalArgumentException("playbook " + plan.playbook().id() + " has no step '" + stepId + "'");
        }
        store.approveResponseStep(ResponseEvent.of(actor, plan.incident().id(), plan.responseId(), plan.playbook().id(),
                stepId, null, "approved", null));
    }

    public RunReport execute(ResponsePlan plan) throws InterruptedException {
        Map<String, ResponseStep> state = new HashMap<>();
        store.responseSteps(plan.responseId()).forEach(s -> state.put(s.stepKey(), s));
        Set<String> approved = store.responseApprovals(plan.responseId());
        List<StepResult> results = new ArrayList<>();
        List<PlannedStep> steps = plan.steps();
        for (int i = 0; i < steps.size(); i++) {
            PlannedStep p = steps.get(i);
            ResponseStep before = state.get(p.key());
            if (before != null && before.status().equals(ResponseStep.SUCCEEDED)) {
                results.add(new StepResult(p, ResponseStep.SUCCEEDED, "done in an earlier run", true,
                        before.startedAt(), before.finishedAt()));
                continue;
            }
            if (p.skipReason() != null) {
                save(plan, p, ResponseStep.SKIPPED, Map.of(), p.skipReason(), null, null, "skipped");
                results.add(new StepResult(p, ResponseStep.SKIPPED, p.skipReason(), false, null, null));
                continue;
            }
            if (p.needsApproval() && !approved.contains(p.step().id())) {
                String why = "waiting for approval: cloudwarden respond " + plan.incident().id() + " --execute --approve "
                        + p.step().id() + " (or approve it on the incident's page)";
                if (before == null || !before.status().equals(ResponseStep.WAITING_APPROVAL)) {
                    save(plan, p, ResponseStep.WAITING_APPROVAL, Map.of(), null, null, null, "waiting_approval");
                }
                results.add(new StepResult(p, ResponseStep.WAITING_APPROVAL, why, false, null, null));
                return new RunReport(plan, results, p, why);
            }
            Instant started = clock.instant();
            save(plan, p, ResponseStep.RUNNING, Map.of(), null, started, null, "started");
            StepContext context = new StepContext(plan, p);
            try {
                StepOutcome outcome = p.action().execute(p.target(), p.step().params(), context);
                Instant finished = clock.instant();
                save(plan, p, ResponseStep.SUCCEEDED, outcome.outputs(), null, started, finished, "succeeded",
                        outcome.summary());
                results.add(new StepResult(p, ResponseStep.SUCCEEDED, outcome.summary(), false, started, finished));
            } catch (ActionException | RuntimeException e) {
                Instant finished = clock.instant();
                String error = describe(e);
                save(plan, p, ResponseStep.FAILED, Map.of(), error, started, finished, "failed", error);
                results.add(new StepResult(p, ResponseStep.FAILED, error, false, started, finished));
                OnFailure onFailure = p.step().onFailure();
                if (onFailure instanceof OnFailure.Goto g) {
                    int target = indexOf(steps, g.step());
                    if (target > i) {
                        i = target - 1;
                        continue;
                    }
                    return new RunReport(plan, results, p, error + " (on_failure goes back to " + g.step()
                            + ", which a rerun does)");
                }
                if (!(onFailure instanceof OnFailure.Continue)) {
                    return new RunReport(plan, results, p, error);
                }
            }
        }
        return new RunReport(plan, results, null, null);
    }

    /** Reverses a step that succeeded (on every target it ran on), from the outputs it kept. */
    public RunReport undo(ResponsePlan plan, String stepId) throws InterruptedException {
        Map<String, ResponseStep> state = new HashMap<>();
        store.responseSteps(plan.responseId()).forEach(s -> state.put(s.stepKey(), s));
        List<StepResult> results = new ArrayList<>();
        for (PlannedStep p : plan.steps()) {
            if (!p.step().id().equals(stepId)) {
                continue;
            }
            ResponseStep before = state.get(p.key());
            if (before == null || !before.status().equals(ResponseStep.SUCCEEDED)) {
                results.add(new StepResult(p, before == null ? ResponseStep.PLANNED : before.status(),
                        "nothing to undo: the step has not succeeded", false, null, null));
                continue;
            }
            if (!p.action().undoable()) {
                return new RunReport(plan, results, p, p.action().name() + " cannot be undone");
            }
            Instant started = clock.instant();
            try {
                StepOutcome outcome = p.action().undo(p.target(), p.step().params(), before.outputs(), new StepContext(plan, p));
                save(plan, p, ResponseStep.UNDONE, before.outputs(), null, started, clock.instant(), "undone", outcome.summary());
                results.add(new StepResult(p, ResponseStep.UNDONE, outcome.summary(), false, started, clock.instant()));
            } catch (ActionException | RuntimeException e) {
                String error = describe(e);
                store.appendResponseEvent(event(plan, p, "failed", "undo: " + error));
                results.add(new StepResult(p, ResponseStep.SUCCEEDED, "undo failed: " + error, false, started, clock.instant()));
                return new RunReport(plan, results, p, "undo failed: " + error);
            }
        }
        if (results.isEmpty()) {
            throw new IllegalArgumentException("the plan has no step '" + stepId + "' on any of the incident's entities");
        }
        return new RunReport(plan, results, null, null);
    }

    private static int indexOf(List<PlannedStep> steps, String stepId) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).step().id().equals(stepId)) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(Exception e) {
        if (e instanceof ActionException a) {
            return (a.errorCode() == null ? "" : a.errorCode() + ": ") + a.getMessage()
                    + (a.requestId() == null ? "" : " (request " + a.requestId() + ")");
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private void save(ResponsePlan plan, PlannedStep p, String status, Map<String, String> outputs, String error,
                      Instant started, Instant finished, String event) {
        save(plan, p, status, outputs, error, started, finished, event, null);
    }

    private void save(ResponsePlan plan, PlannedStep p, String status, Map<String, String> outputs, String error,
                      Instant started, Instant finished, String event, String detail) {
        store.saveResponseStep(new ResponseStep(plan.responseId(), p.key(), plan.incident().id(), plan.playbook().id(),
                p.step().id(), p.position(), p.target().toString(), p.action().name(), status, outputs, error, started,
                finished), event(plan, p, event, detail != null ? detail : error));
    }

    private ResponseEvent event(ResponsePlan plan, PlannedStep p, String event, String detail) {
        return ResponseEvent.of(actor, plan.incident().id(), plan.responseId(), plan.playbook().id(), p.step().id(),
                p.target().toString(), event, detail);
    }

    /** What a running step sees: the response's clients, the outputs of earlier steps, the trail. */
    private final class StepContext implements ActionContext {
        private final ResponsePlan plan;
        private final PlannedStep step;

        StepContext(ResponsePlan plan, PlannedStep step) {
            this.plan = plan;
            this.step = step;
        }

        @Override
        public Incident incident() {
            return plan.incident();
        }

        @Override
        public String responseId() {
            return plan.responseId();
        }

        @Override
        public String stepId() {
            return step.step().id();
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public <T> Optional<T> client(Class<T> type) {
            return clients.get(type);
        }

        /** The outputs of {@code stepId} on this step's target; else on its only target, if it had one. */
        @Override
        public Map<String, String> outputsOf(String stepId) {
            List<ResponseStep> done = store.responseSteps(plan.responseId()).stream()
                    .filter(s -> s.stepId().equals(stepId) && s.status().equals(ResponseStep.SUCCEEDED)).toList();
            return done.stream().filter(s -> s.target().equals(step.target().toString())).findFirst()
                    .or(() -> done.size() == 1 ? Optional.of(done.get(0)) : Optional.empty())
                    .map(ResponseStep::outputs).orElse(Map.of());
        }

        @Override
        public void record(ExecutedCall call) {
            store.appendResponseEvent(new ResponseEvent(actor, plan.incident().id(), plan.responseId(),
                    plan.playbook().id(), step.step().id(), step.target().toString(), "call", call.call().service(),
                    call.call().operation(), call.call().parameters(), call.requestId(), call.ok(), call.result()));
        }

        @Override
        public void pause(long millis) throws InterruptedException {
            pauser.pause(millis);
        }
    }
}
