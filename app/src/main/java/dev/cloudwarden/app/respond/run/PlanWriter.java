package dev.cloudwarden.app.respond.run;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.app.output.SafeJsonEscapes;
import dev.cloudwarden.app.output.TerminalText;
import dev.cloudwarden.app.respond.action.ApiCall;
import dev.cloudwarden.app.respond.action.CostEstimate;
import dev.cloudwarden.app.store.ResponseStep;
import dev.cloudwarden.engine.event.Json;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plan as a responder reads it before approving: each step on each target with its effect, whether it waits for
 * an approval, its state (from earlier runs), every call with its parameters, and the costs. Log-derived text
 * (targets, parameters) is escaped for the terminal; the JSON form is one object per step.
 */
public final class PlanWriter {
    private PlanWriter() {
    }

    /** The state of each step from earlier runs, by step key; missing ones are planned. */
    public static void table(ResponsePlan plan, Map<String, ResponseStep> state, PrintWriter out) {
        var i = plan.incident();
        out.printf("Response %s: playbook %s (%s)%n", plan.responseId(), plan.playbook().id(),
                TerminalText.safe(plan.playbook().title()));
        List<String> rows = new ArrayList<>(i.classification().initialAccess());
        rows.addAll(i.classification().actions());
        rows.addAll(i.classification().malware());
        out.printf("Incident %s: %s, %s, first alert %s%n", i.id(), i.severity() == null ? "no severity" : i.severity().id(),
                rows.isEmpty() ? "no catalog row" : String.join(" ", rows), i.first());
        if (plan.steps().isEmpty()) {
            out.println("No step applies: the incident has no entity the playbook's steps act on.");
            return;
        }
        int stepWidth = Math.max(4, plan.steps().stream().mapToInt(s -> s.step().id().length()).max().orElse(0));
        int targetWidth = Math.min(48, Math.max(6, plan.steps().stream().mapToInt(s -> s.target().toString().length()).max().orElse(0)));
        int actionWidth = Math.max(6, plan.steps().stream().mapToInt(s -> s.action().name().length()).max().orElse(0));
        String row = "%-3s %-" + stepWidth + "s %-" + targetWidth + "s %-" + actionWidth + "s %-11s %-8s %s%n";
        out.printf(row, "#", "STEP", "TARGET", "ACTION", "EFFECT", "APPROVAL", "STATUS");
        double total = 0;
        for (PlannedStep s : plan.steps()) {
            ResponseStep st = state.get(s.key());
            String status = s.skipReason() != null ? "skipped" : st == null ? "planned" : st.status();
            out.printf(row, s.position(), s.step().id(), TerminalText.safe(s.target().toString()), s.action().name(),
                    s.action().effect().name().toLowerCase(Locale.ROOT), s.needsApproval() ? "needed" : "-", status);
            if (s.skipReason() != null) {
                out.println("      " + TerminalText.safe(s.skipReason()));
                continue;
            }
            for (ApiCall c : s.plan().calls()) {
                out.println("      " + TerminalText.safe(c.service() + " " + c.operation() + " " + parameters(c)));
            }
            for (CostEstimate c : s.plan().costs()) {
                out.printf(Locale.ROOT, "      cost: $%.2f %s (%s)%n", c.usd(), TerminalText.safe(c.what()), TerminalText.safe(c.basis()));
                total += c.usd();
            }
            for (String n : s.plan().notes()) {
                out.println("      note: " + TerminalText.safe(n));
            }
            if (st != null && st.error() != null) {
                out.println("      last error: " + TerminalText.safe(st.error()));
            }
        }
        for (CostEstimate c : ResponseCosts.of(i)) {
            out.printf(Locale.ROOT, "Incident cost: $%.2f %s (%s)%n", c.usd(), TerminalText.safe(c.what()), TerminalText.safe(c.basis()));
        }
        out.printf(Locale.ROOT, "Estimated cost of the steps: $%.2f%n", total);
    }

    /** One JSON object per step: its action, target, effect, approval, state, calls with parameters, costs. */
    public static void json(ResponsePlan plan, Map<String, ResponseStep> state, java.io.Writer out) throws IOException {
        // the writer is the caller's: it goes on writing after the plan
        try (JsonGenerator g = SafeJsonEscapes.newlineSeparated(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            for (PlannedStep s : plan.steps()) {
                ResponseStep st = state.get(s.key());
                g.writeStartObject();
                g.writeStringField("response_id", plan.responseId());
                g.writeStringField("incident_id", plan.incident().id());
                g.writeStringField("playbook", plan.playbook().id());
                g.writeNumberField("position", s.position());
                g.writeStringField("step", s.step().id());
                g.writeStringField("title", s.step().title());
                g.writeStringField("target", s.target().toString());
                g.writeStringField("action", s.action().name());
                g.writeStringField("effect", s.action().effect().name().toLowerCase(Locale.ROOT));
                g.writeBooleanField("approval", s.needsApproval());
                g.writeStringField("status", s.skipReason() != null ? "skipped" : st == null ? "planned" : st.status());
                if (s.skipReason() != null) {
                    g.writeStringField("skip_reason", s.skipReason());
                }
                g.writeArrayFieldStart("calls");
                for (ApiCall c : s.plan().calls()) {
                    g.writeStartObject();
                    g.writeStringField("service", c.service());
                    g.writeStringField("operation", c.operation());
                    g.writeFieldName("parameters");
                    Json.MAPPER.writeValue(g, c.parameters());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("costs");
                for (CostEstimate c : s.plan().costs()) {
                    g.writeStartObject();
                    g.writeStringField("what", c.what());
                    g.writeNumberField("usd", Math.round(c.usd() * 100) / 100.0);
                    g.writeStringField("basis", c.basis());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("notes");
                for (String n : s.plan().notes()) {
                    g.writeString(n);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        }
    }

    private static String parameters(ApiCall c) {
        try {
            return Json.MAPPER.writeValueAsString(c.parameters());
        } catch (IOException e) {
            return String.valueOf(c.parameters());
        }
    }
}
