package dev.cloudwarden.app.respond.k8s;

import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.Effect;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.app.respond.action.StepPlan;
import dev.cloudwarden.engine.incident.Entity;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.util.List;
import java.util.Map;

/**
 * {@code k8s.isolate_pod}: one pod cut off the network, its namespace left running. A deny-all NetworkPolicy
 * {@code cloudwarden-quarantine-<response>} selects the label {@code cloudwarden.dev/quarantine=<response>}, and the
 * pod is given that label. The policy comes first: it selects nothing until the label lands, so the pod is cut off in
 * one step, not left half-isolated if the second call fails.
 *
 * <p>The pod keeps running (its memory and processes are evidence); a controller that owns it does not react to an
 * added label.
 */
public final class IsolatePod extends KubernetesAction {
    static final String NAME = "k8s.isolate_pod";
    static final String PATCH_POD = "PATCH /api/v1/namespaces/{namespace}/pods/{name}";

    public IsolatePod() {
        super(NAME, "Deny all ingress and egress to one pod (a quarantine label and a NetworkPolicy selecting it)",
                Effect.CONTAINMENT, Map.of());
    }

    @Override
    public boolean undoable() {
        return true;
    }

    static String policyName(ActionContext context) {
        return "cloudwarden-quarantine-" + ResponseMarks.label(context.responseId());
    }

    @Override
    public StepPlan plan(Entity target, Map<String, String> params, ActionContext context) {
        KubeObject pod = KubeObject.require(target, KubeObject.Kind.POD);
        String label = ResponseMarks.label(context.responseId());
        var policy = DenyAllPolicy.of(pod.namespace(), policyName(context), Map.of(ResponseMarks.QUARANTINE, label),
                context);
        return new StepPlan(List.of(
                KubeCalls.api(PodRead.GET_POD, "namespace", pod.namespace(), "name", pod.name()),
                KubeCalls.api(DenyAllPolicy.GET, "namespace", pod.namespace(), "name", policyName(context)),
                DenyAllPolicy.createCall(policy),
                KubeCalls.api(PATCH_POD, "namespace", pod.namespace(), "name", pod.name(),
                        "metadata.labels+", ResponseMarks.QUARANTINE + "=" + label),
                KubeCalls.api(DenyAllPolicy.LIST, "namespace", pod.namespace())),
                List.of(), List.of("The pod keeps running without any traffic unless another NetworkPolicy selecting "
                + "it allows some (they add up; the step lists them)"));
    }

    @Override
    public StepOutcome execute(Entity target, Map<String, String> params, ActionContext context)
            throws ActionException {
        KubeObject ref = KubeCalls.target(target, KubeObject.Kind.POD);
        KubernetesClient client = KubeCalls.client(context);
        Pod pod = PodRead.get(context, ref);
        if (pod == null) {
            throw new ActionException("pod " + ref.ref() + " not found", "404", null, null);
        }
        String label = ResponseMarks.label(context.responseId());
        String policy = policyName(context);
        String done = DenyAllPolicy.apply(context, client,
                DenyAllPolicy.of(ref.namespace(), policy, Map.of(ResponseMarks.QUARANTINE, label), context));
        if (!JsonPatch.markedBy(pod, context)) {
            patchPod(context, client, ref, JsonPatch.of(pod).mark(pod, context));
        }
        Map<String, String> labels = new java.util.HashMap<>(
                pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels());
        labels.put(ResponseMarks.QUARANTINE, label);
        List<String> others = DenyAllPolicy.othersAllowing(context, client, ref.namespace(), policy, labels);
        return new StepOutcome(Map.of("pod", ref.ref(), "policy", policy, "label", ResponseMarks.QUARANTINE + "="
                + label, "still_allowed_by", String.join(",", others)),
                "pod " + ref.ref() + " quarantined (" + policy + " " + done + ")"
                        + (others.isEmpty() ? "" : "; still allowed by " + String.join(", ", others)));
    }

    @Override
    public StepOutcome undo(Entity target, Map<String, String> params, Map<String, String> outputs,
                            ActionContext context) throws ActionException {
        KubeObject ref = KubeCalls.target(target, KubeObject.Kind.POD);
        KubernetesClient client = KubeCalls.client(context);
        Pod pod = PodRead.get(context, ref);
        // The label goes first: the pod has its traffic back before the policy that selected it is gone.
        if (pod != null && JsonPatch.markedBy(pod, context)) {
            patchPod(context, client, ref, JsonPatch.of(pod).unmark(pod));
        }
        String done = DenyAllPolicy.remove(context, client, ref.namespace(), policyName(context));
        return new StepOutcome(Map.of("pod", ref.ref()), "pod " + ref.ref() + " released"
                + (pod == null ? " (the pod is gone)" : "") + "; " + policyName(context) + " " + done);
    }

    private static void patchPod(ActionContext context, KubernetesClient client, KubeObject ref, JsonPatch patch)
            throws ActionException {
        KubeCalls.run(context, KubeCalls.api(PATCH_POD, "namespace", ref.namespace(), "name", ref.name(),
                        "patch", patch.json()),
                () -> client.pods().inNamespace(ref.namespace()).withName(ref.name())
                        .patch(PatchContext.of(PatchType.JSON), patch.json()),
                p -> "labels " + p.getMetadata().getLabels());
    }
}
