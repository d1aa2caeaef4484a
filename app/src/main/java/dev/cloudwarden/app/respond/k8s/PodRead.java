package dev.cloudwarden.app.respond.k8s;

import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Reads a pod, recorded as {@code GET /api/v1/namespaces/{namespace}/pods/{name}}; null when it is not there. */
final class PodRead {
    static final String GET_POD = "GET /api/v1/namespaces/{namespace}/pods/{name}";

    private PodRead() {
    }

    static Pod get(ActionContext context, KubeObject pod) throws ActionException {
        KubernetesClient client = KubeCalls.client(context);
        return KubeCalls.run(context,
                KubeCalls.api(GET_POD, "namespace", pod.namespace(), "name", pod.name()),
                () -> client.pods().inNamespace(pod.namespace()).withName(pod.name()).get(),
                p -> p == null ? "not found" : "found, uid " + p.getMetadata().getUid());
    }
}
