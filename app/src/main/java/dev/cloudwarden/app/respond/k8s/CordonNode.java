package dev.cloudwarden.app.respond.k8s;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.ApiCall;
import dev.cloudwarden.app.respond.action.Effect;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.app.respond.action.StepPlan;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.incident.Entity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code k8s.cordon_node}: no new pod is scheduled on a node (of a pod) under investigation. The node is made
 * unschedulable, tainted {@code cloudwarden.dev/quarantine=<response>:NoSchedule} (so a controller or a person that
 * uncordons it without reading still sees why) and labelled and annotated with the response.
 *
 * <p>NoSchedule, not NoExecute: the pods already there keep running, since evicting them would destroy the evidence on
 * the node; draining is a separate, destructive decision.
 *
 * <p>Whether the node was unschedulable before is kept in an annotation on the node itself, so a rerun after a failure
 * (which has no outputs of the first run) still knows, and the undo restores it rather than uncordoning a node an
 * operator had cordoned for maintenance.
 */
public final class CordonNode extends KubernetesAction {
    static final String NAME = "k8s.cordon_node";
    static final String GET_NODE = "GET /api/v1/nodes/{name}";
    static final String PATCH_NODE = "PATCH /api/v1/nodes/{name}";
    static final String WAS_UNSCHEDULABLE = "cloudwarden.dev/was-unschedulable";

    public CordonNode() {
        super(NAME, "Cordon a node (or a pod's node): unschedulable, tainted and labelled as under investigation", Effect.CONTAINMENT, Map.of());
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public StepPlan plan(Entity target, Map<String, String> params, ActionContext context) {
        KubeObject t = KubeObject.require(target, KubeObject.Kind.NODE, KubeObject.Kind.POD);
        List<ApiCall> calls = new ArrayList<>();
        String node;
        if (t.kind() == KubeObject.Kind.NODE) {
            node = t.name();
        } else {
            var known = PodNode.fromIncident(context.incident(), t);
            if (known.isEmpty()) {
                calls.add(KubeCalls.api(PodRead.GET_POD, "namespace", t.namespace(), "name", t.name()));
            }
            node = known.orElse("<node of pod " + t.ref() + ">");
        }
        calls.add(KubeCalls.api(GET_NODE, "name", node));
        calls.add(patchCall(node, context));
        return new StepPlan(calls, List.of(), List.of(
                "Pods already on the node keep running (NoSchedule, not NoExecute); undo restores its schedulability"));
    }

    @Override
    public StepOutcome execute(Entity target, Map<String, String> params, ActionContext context)
            throws ActionException {
        KubeObject t = KubeCalls.target(target, KubeObject.Kind.NODE, KubeObject.Kind.POD);
        KubernetesClient client = KubeCalls.client(context);
        String name = t.kind() == KubeObject.Kind.NODE ? t.name() : PodNode.resolve(context, t);
        Node node = getNode(context, client, name);
        String label = ResponseMarks.label(context.responseId());
        boolean unschedulable = Boolean.TRUE.equals(spec(node).getUnschedulable());
        String previous = annotation(node, WAS_UNSCHEDULABLE);
        if (previous == null) {
            previous = String.valueOf(unschedulable);
        }
        Map<String, String> outputs = Map.of("node", name, "was_unschedulable", previous);
        if (unschedulable && JsonPatch.markedBy(node, context) && ourTaint(node, label) != null) {
            return new StepOutcome(outputs, "node " + name + " already cordoned by this response");
        }
        JsonPatch patch = JsonPatch.of(node).mark(node, context).annotate(node, WAS_UNSCHEDULABLE, previous)
                .set("/spec/unschedulable", BooleanNode.TRUE);
        ArrayNode taints = taintsWithout(node, label);
        taints.addObject().put("key", ResponseMarks.QUARANTINE).put("value", label).put("effect", "NoSchedule");
        patch.set("/spec/taints", taints);
        patchNode(context, client, name, patch);
        return new StepOutcome(outputs, "node " + name + " cordoned and tainted " + ResponseMarks.QUARANTINE);
    }

    @Override
    public StepOutcome undo(Entity target, Map<String, String> params, Map<String, String> outputs,
                            ActionContext context) throws ActionException {
        String name = outputs.get("node");
        if (name == null) {
            throw new ActionException("no node in the outputs of " + NAME + ": nothing to undo");
        }
        KubernetesClient client = KubeCalls.client(context);
        Node node = getNode(context, client, name);
        if (!JsonPatch.markedBy(node, context)) {
            return new StepOutcome(Map.of("node", name), "node " + name + " is not cordoned by this response");
        }
        String previous = annotation(node, WAS_UNSCHEDULABLE);
        boolean restore = Boolean.parseBoolean(previous != null ? previous : outputs.get("was_unschedulable"));
        JsonPatch patch = JsonPatch.of(node).unmark(node).removeAnnotation(node, WAS_UNSCHEDULABLE)
                .set("/spec/unschedulable", BooleanNode.valueOf(restore))
                .set("/spec/taints", taintsWithout(node, ResponseMarks.label(context.responseId())));
        patchNode(context, client, name, patch);
        return new StepOutcome(Map.of("node", name),
                "node " + name + (restore ? " left cordoned, as it was before" : " uncordoned") + "; taint removed");
    }

    private static ApiCall patchCall(String node, ActionContext context) {
        String label = ResponseMarks.label(context.responseId());
        return KubeCalls.api(PATCH_NODE, "name", node, "spec.unschedulable", true,
                "spec.taints+", ResponseMarks.QUARANTINE + "=" + label + ":NoSchedule",
                "metadata.labels+", ResponseMarks.QUARANTINE + "=" + label);
    }

    private static Node getNode(ActionContext context, KubernetesClient client, String name) throws ActionException {
        Node node = KubeCalls.run(context, KubeCalls.api(GET_NODE, "name", name),
                () -> client.nodes().withName(name).get(),
                n -> n == null ? "not found" : Boolean.TRUE.equals(spec(n).getUnschedulable())
                        ? "unschedulable" : "schedulable");
        if (node == null) {
            throw new ActionException("node " + name + " not found", "404", null, null);
        }
        return node;
    }

    private static void patchNode(ActionContext context, KubernetesClient client, String name, JsonPatch patch)
            throws ActionException {
        KubeCalls.run(context, KubeCalls.api(PATCH_NODE, "name", name, "patch", patch.json()),
                () -> client.nodes().withName(name).patch(PatchContext.of(PatchType.JSON), patch.json()),
                n -> "unschedulable=" + spec(n).getUnschedulable());
    }

    /** The node's taints, less this response's. */
    private static ArrayNode taintsWithout(Node node, String label) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        List<Taint> taints = spec(node).getTaints() == null ? List.of() : spec(node).getTaints();
        for (Taint t : taints) {
            if (ResponseMarks.QUARANTINE.equals(t.getKey()) && label.equals(t.getValue())) {
                continue;
            }
            var o = out.addObject().put("key", t.getKey()).put("effect", t.getEffect());
            if (t.getValue() != null) {
                o.put("value", t.getValue());
            }
            if (t.getTimeAdded() != null) {
                o.put("timeAdded", t.getTimeAdded());
            }
        }
        return out;
    }

    private static Taint ourTaint(Node node, String label) {
        List<Taint> taints = spec(node).getTaints() == null ? List.of() : spec(node).getTaints();
        return taints.stream()
                .filter(t -> ResponseMarks.QUARANTINE.equals(t.getKey()) && label.equals(t.getValue()))
                .findFirst().orElse(null);
    }

    private static NodeSpec spec(Node node) {
        return node.getSpec() == null ? new NodeSpec() : node.getSpec();
    }

    private static String annotation(Node node, String key) {
        var a = node.getMetadata().getAnnotations();
        return a == null ? null : a.get(key);
    }

    @Override
    protected java.util.Set<KubeObject.Kind> kinds() {
        return java.util.Set.of(KubeObject.Kind.NODE, KubeObject.Kind.POD);
    }
}
