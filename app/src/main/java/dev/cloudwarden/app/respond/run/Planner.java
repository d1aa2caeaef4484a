package dev.cloudwarden.app.respond.run;

import dev.cloudwarden.app.respond.action.Action;
import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.Actions;
import dev.cloudwarden.app.respond.action.ExecutedCall;
import dev.cloudwarden.app.respond.action.StepPlan;
import dev.cloudwarden.app.respond.playbook.Playbook;
import dev.cloudwarden.app.respond.playbook.Step;
import dev.cloudwarden.app.respond.playbook.StepCondition;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.Incident;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lays playbooks over an incident: the playbooks whose trigger it meets, each step once per entity of its target type
 * (in the incident's entity order), with the calls the action would make. Touches nothing: a dry run.
 */
public final class Planner {
    private final Actions actions;
    private final Clock clock;

    public Planner(Actions actions, Clock clock) {
        this.actions = actions;
        this.clock = clock;
    }

    /** The plans of every playbook that answers {@code incident}, in the order the playbooks are given. */
    public List<ResponsePlan> plans(Incident incident, List<Playbook> playbooks) {
        return playbooks.stream().filter(p -> p.trigger().matches(incident)).map(p -> plan(incident, p)).toList();
    }

    public ResponsePlan plan(Incident incident, Playbook playbook) {
        String responseId = responseId(incident.id(), playbook.id());
        List<PlannedStep> steps = new ArrayList<>();
        for (Step step : playbook.steps()) {
            Action action = actions.find(step.action()).orElseThrow(() -> new IllegalStateException(
                    "playbook " + playbook.id() + " names an action this CloudWarden does not have: " + step.action()));
            StepCondition when = step.when() == null ? null : StepCondition.compile(step.when());
            for (Entity target : incident.entities()) {
                if (target.type() != step.target() || !action.accepts(target)) {
                    continue;
                }
                String skip = null;
                if (when != null) {
                    StepCondition.Result r = when.test(incident, target);
                    skip = r.holds() ? null : r.error() != null ? r.error() : "when " + step.when() + " is false";
                }
                StepPlan plan = action.plan(target, step.params(), new PlanContext(incident, responseId, step.id()));
                steps.add(new PlannedStep(steps.size() + 1, step, action, target, plan, skip));
            }
        }
        return new ResponsePlan(responseId, incident, playbook, steps);
    }

    /** A response's id: the same incident and playbook always give the same one, which is what makes reruns resume. */
    public static String responseId(String incidentId, String playbookId) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((incidentId + "\n" + playbookId).getBytes(StandardCharsets.UTF_8));
            return "resp-" + HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** What an action sees while it plans: no clients, no earlier outputs, nothing to record. */
    private final class PlanContext implements ActionContext {
        private final Incident incident;
        private final String responseId;
        private final String stepId;

        PlanContext(Incident incident, String responseId, String stepId) {
            this.incident = incident;
            this.responseId = responseId;
            this.stepId = stepId;
        }

        @Override
        public Incident incident() {
            return incident;
        }

        @Override
        public String responseId() {
            return responseId;
        }

        @Override
        public String stepId() {
            return stepId;
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public <T> Optional<T> client(Class<T> type) {
            return Optional.empty();
        }

        @Override
        public Map<String, String> outputsOf(String step) {
            return Map.of();
        }

        @Override
        public void record(ExecutedCall call) {
            throw new IllegalStateException("an action made a call while planning: " + call.call());
        }

        @Override
        public void pause(long millis) {
        }
    }
}
