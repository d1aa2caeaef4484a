package dev.cloudwarden.app.respond.k8s;

import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.ApiCall;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A NetworkPolicy that denies all ingress and egress to the pods it selects: {@code policyTypes: [Ingress, Egress]}
 * and no rules. Shared by the namespace and pod isolation actions.
 *
 * <p>NetworkPolicies add up: a pod selected by several is allowed what any of them allows. A deny-all cuts off only
 * what no other policy lets through, so {@link #othersAllowing} names the policies that still do, for the responder
 * to read (and the cluster's network plugin must enforce NetworkPolicies at all).
 */
final class DenyAllPolicy {
    static final String GET = "GET /apis/networking.k8s.io/v1/namespaces/{namespace}/networkpolicies/{name}";
    static final String LIST = "GET /apis/networking.k8s.io/v1/namespaces/{namespace}/networkpolicies";
    static final String CREATE = "POST /apis/networking.k8s.io/v1/namespaces/{namespace}/networkpolicies";
    static final String REPLACE = "PUT /apis/networking.k8s.io/v1/namespaces/{namespace}/networkpolicies/{name}";
    static final String DELETE = "DELETE /apis/networking.k8s.io/v1/namespaces/{namespace}/networkpolicies/{name}";
    static final List<String> BOTH = List.of("Ingress", "Egress");

    private DenyAllPolicy() {
    }

    /** The policy {@code name} in {@code namespace} denying all to the pods {@code selector} matches (empty: all). */
    static NetworkPolicy of(String namespace, String name, Map<String, String> selector, ActionContext context) {
        return new NetworkPolicyBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name)
                .addToLabels(ResponseMarks.MANAGED_BY, ResponseMarks.MANAGER)
                .addToLabels(ResponseMarks.QUARANTINE, ResponseMarks.label(context.responseId()))
                .addToAnnotations(ResponseMarks.RESPONSE_ANNOTATION, context.responseId())
                .addToAnnotations(ResponseMarks.INCIDENT_ANNOTATION, context.incident().id())
                .endMetadata()
                .withNewSpec().withNewPodSelector().withMatchLabels(selector).endPodSelector()
                .withPolicyTypes(BOTH).withIngress(List.of()).withEgress(List.of())
                .endSpec().build();
    }

    /** The call that creates {@code policy}, as a plan shows it. */
    static ApiCall createCall(NetworkPolicy policy) {
        NetworkPolicySpec spec = policy.getSpec();
        return KubeCalls.api(CREATE, "namespace", policy.getMetadata().getNamespace(),
                "name", policy.getMetadata().getName(), "podSelector", spec.getPodSelector().getMatchLabels(),
                "policyTypes", spec.getPolicyTypes(), "ingress", List.of(), "egress", List.of());
    }

    /**
     * Makes {@code desired} present: created when absent; left when a deny-all of that name is there (ours from an
     * earlier run, or another response's, which keeps its owner); replaced when someone changed it into something
     * else. Returns what it found or did.
     */
    static String apply(ActionContext context, KubernetesClient client, NetworkPolicy desired) throws ActionException {
        String ns = desired.getMetadata().getNamespace();
        String name = desired.getMetadata().getName();
        NetworkPolicy current = get(context, client, ns, name);
        if (current == null) {
            KubeCalls.run(context, createCall(desired),
                    () -> client.network().v1().networkPolicies().inNamespace(ns).resource(desired).create(),
                    p -> "created");
            return "created";
        }
        if (deniesAll(current, desired.getSpec().getPodSelector())) {
            return JsonPatch.markedBy(current, context) ? "already present" : "present, made by response "
                    + current.getMetadata().getAnnotations().getOrDefault(ResponseMarks.RESPONSE_ANNOTATION, "?");
        }
        NetworkPolicy replacement = new NetworkPolicyBuilder(desired).editMetadata()
                .withResourceVersion(current.getMetadata().getResourceVersion()).endMetadata().build();
        KubeCalls.run(context, KubeCalls.api(REPLACE, "namespace", ns, "name", name, "was", current.getSpec()),
                () -> client.network().v1().networkPolicies().inNamespace(ns).resource(replacement).update(),
                p -> "replaced a policy of that name that did not deny all");
        return "replaced";
    }

    /** Deletes the policy if this response made it; returns what it found or did. */
    static String remove(ActionContext context, KubernetesClient client, String ns, String name)
            throws ActionException {
        NetworkPolicy current = get(context, client, ns, name);
        if (current == null) {
            return "already gone";
        }
        if (!JsonPatch.markedBy(current, context)) {
            return "left: made by another response";
        }
        KubeCalls.run(context, KubeCalls.api(DELETE, "namespace", ns, "name", name),
                () -> client.network().v1().networkPolicies().inNamespace(ns).withName(name).delete(),
                d -> d.isEmpty() ? "already gone" : "deleted");
        return "deleted";
    }

    /**
     * The other policies of {@code ns} that select pods with {@code podLabels} (null: any pod of the namespace) and
     * allow some traffic: what the deny-all does not cut off.
     */
    static List<String> othersAllowing(ActionContext context, KubernetesClient client, String ns, String ours,
                                       Map<String, String> podLabels) throws ActionException {
        List<NetworkPolicy> all = KubeCalls.run(context, KubeCalls.api(LIST, "namespace", ns),
                () -> client.network().v1().networkPolicies().inNamespace(ns).list().getItems(),
                l -> l.size() + " policies");
        List<String> names = new ArrayList<>();
        for (NetworkPolicy p : all) {
            NetworkPolicySpec spec = p.getSpec();
            if (spec == null || ours.equals(p.getMetadata().getName())) {
                continue;
            }
            boolean allows = !spec.getIngress().isEmpty() || !spec.getEgress().isEmpty();
            boolean selects = podLabels == null || Selectors.matches(spec.getPodSelector(), podLabels);
            if (allows && selects) {
                names.add(p.getMetadata().getName());
            }
        }
        return names;
    }

    private static NetworkPolicy get(ActionContext context, KubernetesClient client, String ns, String name)
            throws ActionException {
        return KubeCalls.run(context, KubeCalls.api(GET, "namespace", ns, "name", name),
                () -> client.network().v1().networkPolicies().inNamespace(ns).withName(name).get(),
                p -> p == null ? "not found" : "found");
    }

    private static boolean deniesAll(NetworkPolicy p, LabelSelector selector) {
        NetworkPolicySpec s = p.getSpec();
        return s != null && s.getIngress().isEmpty() && s.getEgress().isEmpty()
                && s.getPolicyTypes().containsAll(BOTH)
                && s.getPodSelector() != null && s.getPodSelector().getMatchLabels().equals(selector.getMatchLabels())
                && s.getPodSelector().getMatchExpressions().isEmpty();
    }
}
