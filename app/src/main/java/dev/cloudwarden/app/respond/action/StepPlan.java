package dev.cloudwarden.app.respond.action;

import java.util.List;

/**
 * What a step would do, made without touching anything: the calls in order, their estimated cost, and notes a
 * responder should read before approving (what cannot be undone, what the plan could not know).
 */
public record StepPlan(List<ApiCall> calls, List<CostEstimate> costs, List<String> notes) {
    public StepPlan {
        calls = List.copyOf(calls);
        costs = List.copyOf(costs);
        notes = List.copyOf(notes);
    }

    public static StepPlan of(ApiCall... calls) {
        return new StepPlan(List.of(calls), List.of(), List.of());
    }

    public StepPlan withCost(CostEstimate cost) {
        List<CostEstimate> all = new java.util.ArrayList<>(costs);
        all.add(cost);
        return new StepPlan(calls, all, notes);
    }

    public StepPlan withNote(String note) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.add(note);
        return new StepPlan(calls, costs, all);
    }
}
