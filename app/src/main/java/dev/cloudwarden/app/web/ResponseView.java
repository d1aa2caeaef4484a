package dev.cloudwarden.app.web;

import dev.cloudwarden.app.store.ResponseAuditEntry;
import dev.cloudwarden.app.store.ResponseStep;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An incident's responses as its page shows them: each step's state, the steps waiting for an approval, and the
 * audit trail with every call and its request id. Targets, parameters and details come from logs and cloud answers:
 * made {@link Fmt#visible} here, escaped by the template.
 */
public record ResponseView(List<StepLine> steps, List<TrailLine> trail) {
    /** @param waiting it waits for an approval a responder may give on the page */
    public record StepLine(String responseId, String playbook, String step, String target, String action, String status,
                           String error, boolean waiting) {
    }

    public record TrailLine(String time, String iso, String actor, String event, String step, String target, String call,
                            String requestId, String result) {
    }

    static ResponseView of(List<ResponseStep> steps, List<ResponseAuditEntry> trail) {
        List<StepLine> stepLines = steps.stream().map(s -> new StepLine(s.responseId(), s.playbookId(), s.stepId(),
                Fmt.visible(s.target()), s.action(), s.status(), s.error() == null ? "" : Fmt.visible(s.error()),
                s.status().equals(ResponseStep.WAITING_APPROVAL))).toList();
        List<TrailLine> trailLines = trail.stream().map(e -> new TrailLine(Fmt.time(e.at()), Fmt.iso(e.at()),
                Fmt.visible(e.actor()), e.event(), e.stepId() == null ? "" : e.stepId(),
                e.target() == null ? "" : Fmt.visible(e.target()),
                e.service() == null ? "" : Fmt.visible(e.service() + " " + e.operation() + " " + new TreeMap<>(e.parameters())),
                e.requestId() == null ? "" : Fmt.visible(e.requestId()),
                (e.ok() == null ? "" : e.ok() ? "ok " : "error ") + (e.detail() == null ? "" : Fmt.visible(e.detail())))).toList();
        return new ResponseView(stepLines, trailLines);
    }

    public boolean isEmpty() {
        return steps.isEmpty() && trail.isEmpty();
    }

    /** The steps waiting for an approval, once each (a step waits on each of its targets). */
    public List<StepLine> waiting() {
        Map<String, StepLine> once = new TreeMap<>();
        steps.stream().filter(StepLine::waiting).forEach(s -> once.putIfAbsent(s.responseId() + "/" + s.step(), s));
        return List.copyOf(once.values());
    }
}
