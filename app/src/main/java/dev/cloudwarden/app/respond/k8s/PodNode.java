package dev.cloudwarden.app.respond.k8s;

import dev.cloudwarden.app.respond.action.ActionContext;
import dev.cloudwarden.app.respond.action.ActionException;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.FieldPath;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.Resource;
import dev.cloudwarden.engine.incident.Incident;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.List;
import java.util.Optional;

/**
 * The node a pod runs on. The incident's own audit records often say (a pod's create or get returns it in
 * {@code responseObject.spec.nodeName}; the scheduler's binding names it in {@code requestObject.target.name}), which
 * a dry run can show without a call; otherwise the API server is asked.
 */
final class PodNode {
    private static final List<FieldPath> NODE_FIELDS = List.of(
            FieldPath.of("responseObject.spec.nodeName"),
            FieldPath.of("requestObject.spec.nodeName"));
    private static final FieldPath BINDING_TARGET = FieldPath.of("requestObject.target.name");

    private PodNode() {
    }

    /** The node the incident's records place {@code pod} on (the latest record that says), if any does. */
    static Optional<String> fromIncident(Incident incident, KubeObject pod) {
        String found = null;
        for (Alert a : incident.alerts()) {
            for (Event e : a.events()) {
                String node = nodeIn(e, pod);
                if (node != null) {
                    found = node;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** The node of {@code pod}: from the incident, else from the API server (a recorded GET). */
    static String resolve(ActionContext context, KubeObject pod) throws ActionException {
        Optional<String> known = fromIncident(context.incident(), pod);
        if (known.isPresent()) {
            return known.get();
        }
        Pod p = PodRead.get(context, pod);
        if (p == null) {
            throw new ActionException("pod " + pod.ref() + " not found, and the incident does not say its node",
                    "404", null, null);
        }
        String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
        if (node == null || node.isEmpty()) {
            throw new ActionException("pod " + pod.ref() + " is not scheduled on a node");
        }
        return node;
    }

    private static String nodeIn(Event e, KubeObject pod) {
        RawRecord raw = e.raw();
        if (!raw.isJson()) {
            return null;
        }
        for (Resource r : e.resources()) {
            if (r.type() == null || !r.type().startsWith("pods") || !pod.ref().equals(r.id())) {
                continue;
            }
            for (FieldPath f : NODE_FIELDS) {
                String node = raw.text(f);
                if (node != null && !node.isEmpty()) {
                    return node;
                }
            }
            if (r.type().equals("pods/binding")) {
                String node = raw.text(BINDING_TARGET);
                if (node != null && !node.isEmpty()) {
                    return node;
                }
            }
        }
        return null;
    }
}
