/**
 * Response actions on a Kubernetes cluster through fabric8's client: cordon a node, snapshot a pod (its spec, status
 * and logs), delete it, and cut a namespace or one pod off the network with a deny-all NetworkPolicy. Targets are the
 * incident engine's entities ({@link dev.cloudwarden.app.respond.k8s.KubeObject}); every API call is written to the
 * response's audit trail as it returns; what an action changes is labelled with its response, so a rerun finds it and
 * an undo removes only its own. {@link dev.cloudwarden.app.respond.k8s.KubernetesActions#all()} lists them.
 */
package dev.cloudwarden.app.respond.k8s;
