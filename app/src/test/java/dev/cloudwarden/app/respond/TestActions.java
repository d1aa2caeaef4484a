package dev.cloudwarden.app.respond;

import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.ApiCall;
import dev.cloudwarden.app.respond.action.Actions;
import dev.cloudwarden.app.respond.action.CostEstimate;
import dev.cloudwarden.app.respond.action.DeclaredAction;
import dev.cloudwarden.app.respond.action.Effect;
import dev.cloudwarden.app.respond.action.ExecutedCall;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.app.respond.action.StepPlan;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Actions over an in-memory estate, for the runner's and validator's tests (the cloud actions are tested against
 * their own fakes): instances that can be snapshotted, quarantined and terminated, and keys that can be disabled.
 * Faults are injected per action ("fail the next run of test.quarantine").
 */
public final class TestActions {
    /** The estate: instance → state ("running", "quarantined", "terminated"), key → status, snapshots per instance. */
    final Map<String, String> instances = new TreeMap<>();
    final Map<String, String> keys = new TreeMap<>();
    final Map<String, List<String>> snapshots = new TreeMap<>();
    /** How many times each action's execute ran (to prove a resume does not run a step twice). */
    final Map<String, Integer> runs = new HashMap<>();
    /** Actions whose next execute fails, with the error code. */
    final Map<String, String> failNext = new HashMap<>();

    public Actions actions() {
        return new Actions(List.of(
                new Simple("test.snapshot", Effect.EVIDENCE, EntityType.INSTANCE, List.of(), false) {
                    @Override
                    StepOutcome run(Entity t, ActionContext c) {
                        List<String> ids = snapshots.computeIfAbsent(t.value(), k -> new ArrayList<>());
                        if (ids.isEmpty()) {
                            ids.add("snap-" + t.value());
                            c.record(new ExecutedCall(ApiCall.of("ec2", "CreateSnapshot", "InstanceId", t.value()), "req-1", true, ids.get(0)));
                        }
                        return new StepOutcome(Map.of("snapshots", String.join(",", ids)), "snapshot " + ids.get(0));
                    }
                },
                new Simple("test.quarantine", Effect.CONTAINMENT, EntityType.INSTANCE, List.of(), true) {
                    @Override
                    StepOutcome run(Entity t, ActionContext c) {
                        String before = instances.put(t.value(), "quarantined");
                        c.record(new ExecutedCall(ApiCall.of("ec2", "ModifyNetworkInterfaceAttribute", "InstanceId", t.value()), "req-2", true, "quarantined"));
                        return new StepOutcome(Map.of("before", String.valueOf(before)), "quarantined");
                    }

                    @Override
                    public StepOutcome undo(Entity t, Map<String, String> params, Map<String, String> outputs, ActionContext c) {
                        instances.put(t.value(), outputs.get("before"));
                        return new StepOutcome(Map.of(), "back to " + outputs.get("before"));
                    }
                },
                new Simple("test.terminate", Effect.DESTRUCTIVE, EntityType.INSTANCE, List.of("test.snapshot"), false) {
                    @Override
                    StepOutcome run(Entity t, ActionContext c) throws ActionException {
                        if (c.outputsOf("snapshot").isEmpty()) {
                            throw new ActionException("no snapshot of " + t.value() + " yet");
                        }
                        instances.put(t.value(), "terminated");
                        return new StepOutcome(Map.of(), "terminated");
                    }
                },
                new Simple("test.disable_key", Effect.CONTAINMENT, EntityType.ACCESS_KEY, List.of(), false) {
                    @Override
                    StepOutcome run(Entity t, ActionContext c) {
                        keys.put(t.value(), "Inactive");
                        return new StepOutcome(Map.of(), "Inactive");
                    }
                }));
    }

    /** An action with a fixed plan (one call, a cost for evidence) whose execute counts runs and obeys injected faults. */
    private abstract class Simple extends DeclaredAction {
        private final String name;
        private final Effect effect;
        private final List<String> requires;
        private final boolean undoable;

        Simple(String name, Effect effect, EntityType target, List<String> requires, boolean undoable) {
            super(name, "test action " + name, effect, Set.of(target), Map.of("reason", "why, for the tags"));
            this.name = name;
            this.effect = effect;
            this.requires = requires;
            this.undoable = undoable;
        }

        abstract StepOutcome run(Entity t, ActionContext c) throws ActionException;

        @Override
        public List<String> requiresBefore() {
            return requires;
        }

        @Override
        public boolean undoable() {
            return undoable;
        }

        @Override
        public StepPlan plan(Entity t, Map<String, String> params, ActionContext c) {
            StepPlan p = StepPlan.of(ApiCall.of("test", name, "Target", t.value(), "Params", new TreeMap<>(params)));
            return effect == Effect.EVIDENCE ? p.withCost(new CostEstimate("snapshot storage", 0.4, "8 GiB at $0.05/GiB-month")) : p;
        }

        @Override
        public StepOutcome execute(Entity t, Map<String, String> params, ActionContext c) throws ActionException {
            runs.merge(name, 1, Integer::sum);
            String code = failNext.remove(name);
            if (code != null) {
                throw new ActionException(name + " failed on " + t.value(), code, "req-failed", null);
            }
            return run(t, c);
        }
    }
}
