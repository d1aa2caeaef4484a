package dev.cloudwarden.app.respond.k8s;

import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.Effect;
import dev.cloudwarden.app.respond.action.StepOutcome;
import dev.cloudwarden.app.respond.action.StepPlan;
import dev.cloudwarden.engine.incident.Entity;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Map;

/**
 * {@code k8s.isolate_namespace}: a namespace (a pod's, or {@code namespaces:name}) cut off the network with a deny-all
 * NetworkPolicy {@value #POLICY} over every pod in it ({@code podSelector: {}}), labelled with the response. One name
 * per namespace: two responses isolating one namespace share it, and only the one that made it removes it on undo.
 */
public final class IsolateNamespace extends KubernetesAction {
    static final String NAME = "k8s.isolate_namespace";
    static final String POLICY = "cloudwarden-deny-all";

    public IsolateNamespace() {
        super(NAME, "Deny all ingress and egress to every pod of a namespace (a NetworkPolicy)", Effect.CONTAINMENT,
                Map.of());
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public StepPlan plan(Entity target, Map<String, String> params, ActionContext context) {
        String ns = namespaceOf(KubeObject.require(target, KubeObject.Kind.NAMESPACE, KubeObject.Kind.POD));
        NetworkPolicy policy = DenyAllPolicy.of(ns, POLICY, Map.of(), context);
        return new StepPlan(List.of(KubeCalls.api(DenyAllPolicy.GET, "namespace", ns, "name", POLICY),
                DenyAllPolicy.createCall(policy), KubeCalls.api(DenyAllPolicy.LIST, "namespace", ns)),
                List.of(), List.of("Every pod of namespace " + ns + " loses all traffic, DNS included, unless another "
                + "NetworkPolicy allows it (they add up; the step lists them); needs a network plugin that enforces "
                + "NetworkPolicies"));
    }

    @Override
    public StepOutcome execute(Entity target, Map<String, String> params, ActionContext context)
            throws ActionException {
        String ns = namespaceOf(KubeCalls.target(target, KubeObject.Kind.NAMESPACE, KubeObject.Kind.POD));
        KubernetesClient client = KubeCalls.client(context);
        String done = DenyAllPolicy.apply(context, client, DenyAllPolicy.of(ns, POLICY, Map.of(), context));
        List<String> others = DenyAllPolicy.othersAllowing(context, client, ns, POLICY, null);
        return new StepOutcome(Map.of("namespace", ns, "policy", POLICY, "still_allowed_by", String.join(",", others)),
                "namespace " + ns + ": " + POLICY + " " + done
                        + (others.isEmpty() ? "" : "; still allowed by " + String.join(", ", others)));
    }

    @Override
    public StepOutcome undo(Entity target, Map<String, String> params, Map<String, String> outputs,
                            ActionContext context) throws ActionException {
        String ns = outputs.getOrDefault("namespace",
                namespaceOf(KubeCalls.target(target, KubeObject.Kind.NAMESPACE, KubeObject.Kind.POD)));
        String done = DenyAllPolicy.remove(context, KubeCalls.client(context), ns, POLICY);
        return new StepOutcome(Map.of("namespace", ns), "namespace " + ns + ": " + POLICY + " " + done);
    }

    private static String namespaceOf(KubeObject o) {
        return o.kind() == KubeObject.Kind.POD ? o.namespace() : o.name();
    }

    @Override
    protected java.util.Set<KubeObject.Kind> kinds() {
        return java.util.Set.of(KubeObject.Kind.NAMESPACE, KubeObject.Kind.POD);
    }
}
