package dev.cloudwarden.app.respond.k8s;

import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.Effect;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.app.respond.action.StepPlan;
import dev.cloudwarden.engine.incident.Entity;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Map;

/**
 * {@code k8s.delete_pod}: removes a compromised pod, after {@code k8s.snapshot_pod} kept it. The playbook validator
 * checks the order; this action checks the evidence itself too, since deleting is what cannot be taken back: the step
 * named by {@code snapshot_step} must have outputs for this very pod, and the pod deleted is the one snapshotted (same
 * uid). A pod of the same name with another uid is a replacement its controller made: it was never snapshotted, so it
 * is left, and the step reports that the snapshotted pod is gone.
 *
 * <p>Idempotent: a pod already gone is done.
 */
public final class DeletePod extends KubernetesAction {
    static final String NAME = "k8s.delete_pod";
    static final String DELETE_POD = "DELETE /api/v1/namespaces/{namespace}/pods/{name}";
    static final WholeNumber GRACE = new WholeNumber("grace_period_seconds", 30, 0, 86_400);

    public DeletePod() {
        super(NAME, "Delete a pod that k8s.snapshot_pod kept (checked by uid), with a grace period", Effect.DESTRUCTIVE, Map.of(
                "snapshot_step", "the id of the k8s.snapshot_pod step that kept this pod (required)",
                "grace_period_seconds", "seconds the pod's containers get to stop (default 30; 0 kills at once)"));
    }

    @Override
    public List<String> requiresBefore() {
        return List.of(SnapshotPod.NAME);
    }

    @Override
    public StepPlan plan(Entity target, Map<String, String> params, ActionContext context) {
        KubeObject pod = KubeObject.require(target, KubeObject.Kind.POD);
        long grace = GRACE.in(params);
        return new StepPlan(List.of(
                KubeCalls.api(PodRead.GET_POD, "namespace", pod.namespace(), "name", pod.name()),
                KubeCalls.api(DELETE_POD, "namespace", pod.namespace(), "name", pod.name(),
                        "gracePeriodSeconds", grace, "uid", "<uid kept by step " + params.get("snapshot_step") + ">")),
                List.of(), List.of("Cannot be undone. A pod run by a controller (Deployment, StatefulSet, Job) is "
                + "replaced by a new one from the same spec: contain the workload's source too"));
    }

    @Override
    public StepOutcome execute(Entity target, Map<String, String> params, ActionContext context)
            throws ActionException {
        KubeObject ref = KubeCalls.target(target, KubeObject.Kind.POD);
        long grace = GRACE.forRun(params);
        String uid = snapshottedUid(ref, params, context);
        KubernetesClient client = KubeCalls.client(context);
        Pod pod = PodRead.get(context, ref);
        Map<String, String> out = Map.of("pod", ref.ref(), "uid", uid);
        if (pod == null) {
            return new StepOutcome(out, "pod " + ref.ref() + " already gone");
        }
        String now = pod.getMetadata().getUid();
        if (!uid.equals(now)) {
            return new StepOutcome(out, "pod " + ref.ref() + " (uid " + uid + ") already gone; the pod now of that name"
                    + " (uid " + now + ") was not snapshotted and is left");
        }
        var deleted = KubeCalls.run(context,
                KubeCalls.api(DELETE_POD, "namespace", ref.namespace(), "name", ref.name(),
                        "gracePeriodSeconds", grace, "uid", uid),
                () -> client.pods().inNamespace(ref.namespace()).withName(ref.name()).withGracePeriod(grace).delete(),
                d -> d.isEmpty() ? "already gone" : "deleted");
        return new StepOutcome(out, "pod " + ref.ref() + (deleted.isEmpty() ? " already gone" : " deleted")
                + " (grace " + grace + "s)");
    }

    /** The uid the snapshot step kept for this pod; refuses when there is none. */
    private static String snapshottedUid(KubeObject ref, Map<String, String> params, ActionContext context)
            throws ActionException {
        String step = params.get("snapshot_step");
        if (step == null || step.isBlank()) {
            throw new ActionException("refusing to delete pod " + ref.ref()
                    + ": no snapshot_step names the k8s.snapshot_pod step that kept it");
        }
        Map<String, String> snapshot = context.outputsOf(step);
        String uid = snapshot.get("uid");
        if (!ref.ref().equals(snapshot.get("pod")) || uid == null || uid.isEmpty()
                || !snapshot.containsKey("manifest")) {
            throw new ActionException("refusing to delete pod " + ref.ref() + ": step " + step
                    + " has no snapshot of it (run k8s.snapshot_pod on it first)");
        }
        return uid;
    }
}
