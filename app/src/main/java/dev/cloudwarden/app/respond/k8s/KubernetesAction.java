package dev.cloudwarden.app.respond.k8s;

import dev.cloudwarden.app.respond.action.DeclaredAction;
import dev.cloudwarden.app.respond.action.Effect;
import dev.cloudwarden.engine.incident.EntityType;

import java.util.Map;
import java.util.Set;

/** What every Kubernetes action shares: it acts on resources, the Kubernetes objects of its kinds. */
abstract class KubernetesAction extends DeclaredAction {
    /** Kubernetes objects are {@code RESOURCE} entities ({@code pods:ns/name}, {@code nodes:name}). */
    KubernetesAction(String name, String description, Effect effect, Map<String, String> parameters) {
        super(name, description, effect, Set.of(EntityType.RESOURCE), parameters);
    }

    /** The kinds of object it acts on: a pod, unless it says otherwise. */
    protected Set<KubeObject.Kind> kinds() {
        return Set.of(KubeObject.Kind.POD);
    }

    /** Only the Kubernetes objects of its kinds, among an incident's resources (security groups, hosted zones ...). */
    @Override
    public final boolean accepts(dev.cloudwarden.engine.incident.Entity target) {
        return KubeObject.of(target).map(o -> kinds().contains(o.kind())).orElse(false);
    }
}
