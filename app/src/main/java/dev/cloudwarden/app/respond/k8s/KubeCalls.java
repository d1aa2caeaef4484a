package dev.cloudwarden.app.respond.k8s;

import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.app.respond.action.ApiCall;
import dev.cloudwarden.app.respond.action.ExecutedCall;
import dev.cloudwarden.engine.incident.Entity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.function.Function;

/**
 * One Kubernetes API call made for an action: run, written to the audit trail as it returns (success or failure, so a
 * step that stops half-way still shows what it did), and an API error turned into an {@link ActionException} whose
 * code is the HTTP status ({@code 403}, {@code 409}).
 */
final class KubeCalls {
    static final String SERVICE = "kubernetes";

    private KubeCalls() {
    }

    /** A call against the API server, as the audit trail names it. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws KubernetesClientException;
    }

    static ApiCall api(String operation, Object... keysAndValues) {
        return ApiCall.of(SERVICE, operation, keysAndValues);
    }

    /** The context's Kubernetes client, or an error saying none is configured. */
    static KubernetesClient client(ActionContext context) throws ActionException {
        return context.client(KubernetesClient.class).orElseThrow(() -> new ActionException(
                "no Kubernetes client is configured for this response"));
    }

    /** The target of an execute or undo: as {@link KubeObject#require}, its refusal as an action error. */
    static KubeObject target(Entity entity, KubeObject.Kind... kinds) throws ActionException {
        try {
            return KubeObject.require(entity, kinds);
        } catch (IllegalArgumentException e) {
            throw new ActionException(e.getMessage());
        }
    }

    /**
     * Runs {@code call}, records it with {@code result}'s one-line account of what came back, and returns what came
     * back.
     */
    static <T> T run(ActionContext context, ApiCall api, Call<T> call, Function<T, String> result)
            throws ActionException {
        T value;
        try {
            value = call.run();
        } catch (KubernetesClientException e) {
            int code = e.getCode();
            String reason = e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage() : e.getMessage();
            String status = code > 0 ? String.valueOf(code) : null;
            context.record(new ExecutedCall(api, null, false, (status == null ? "" : status + " ") + reason));
            throw new ActionException(SERVICE + " " + api.operation() + " failed: "
                    + (status == null ? "" : status + " ") + reason, status, null, e);
        }
        context.record(new ExecutedCall(api, null, true, result.apply(value)));
        return value;
    }
}
