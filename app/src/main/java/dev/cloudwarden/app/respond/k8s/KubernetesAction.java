package dev.cloudwarden.app.respond.k8s;

import dev.cloudwarden.app.respond.action.Action;
import dev.cloudwarden.app.respond.action.Effect;
import dev.cloudwarden.engine.incident.EntityType;

import java.util.Map;
import java.util.Set;

/** What every Kubernetes action declares the same way: its name, line, effect and parameters; it acts on resources. */
abstract class KubernetesAction implements Action {
    private final String name;
    private final String description;
    private final Effect effect;
    private final Map<String, String> parameters;

    KubernetesAction(String name, String description, Effect effect, Map<String, String> parameters) {
        this.name = name;
        this.description = description;
        this.effect = effect;
        this.parameters = Map.copyOf(parameters);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final Effect effect() {
        return effect;
    }

    /** Kubernetes objects are {@code RESOURCE} entities ({@code pods:ns/name}, {@code nodes:name}). */
    @Override
    public final Set<EntityType> targets() {
        return Set.of(EntityType.RESOURCE);
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

    @Override
    public final Map<String, String> parameters() {
        return parameters;
    }
}
