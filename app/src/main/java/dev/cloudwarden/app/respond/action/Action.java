package dev.cloudwarden.app.respond.action;

import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One kind of response step: {@code aws.iam.deactivate_access_key}, {@code aws.ec2.snapshot_volumes},
 * {@code k8s.cordon_node}. A playbook's step names its action, the incident entity it acts on, and its parameters.
 *
 * <p><b>Idempotent.</b> Running a step twice for one response changes nothing the second time (a snapshot taken is
 * found by its tags, a key already inactive is left so): a response that failed half-way is resumed by running it
 * again.
 */
public interface Action {
    /** The name playbooks use. */
    String name();

    /** One line for {@code playbooks actions} and the dry run. */
    String description();

    Effect effect();

    /** The entity types it can act on ({@code instance}, {@code access-key} ...). */
    Set<EntityType> targets();

    /**
     * Whether it acts on this entity: of one of its {@link #targets()} types, and of the kind it knows ({@code
     * resource} entities are security groups, hosted zones, pods ...: a Route 53 action takes only hosted zones).
     * A plan leaves out the entities an action does not take.
     */
    default boolean accepts(Entity target) {
        return targets().contains(target.type());
    }

    /** The parameters it takes (name → what it means); anything else in a step is an error the validator reports. */
    Map<String, String> parameters();

    /**
     * Actions one of which must have run earlier in the playbook on the same target before this one: the evidence it
     * would destroy. Empty for most.
     */
    default List<String> requiresBefore() {
        return List.of();
    }

    /** What it would do to {@code target}, touching nothing. */
    StepPlan plan(Entity target, Map<String, String> params, ActionContext context);

    /** Does it; every call goes to {@link ActionContext#record} as it is made. */
    StepOutcome execute(Entity target, Map<String, String> params, ActionContext context)
            throws ActionException, InterruptedException;

    /** Whether {@link #undo} can reverse it. */
    default boolean undoable() {
        return false;
    }

    /** Reverses what {@link #execute} did, from its outputs. */
    default StepOutcome undo(Entity target, Map<String, String> params, Map<String, String> outputs, ActionContext context)
            throws ActionException, InterruptedException {
        throw new ActionException(name() + " cannot be undone");
    }
}
