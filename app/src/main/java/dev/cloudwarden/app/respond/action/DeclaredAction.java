package dev.cloudwarden.app.respond.action;

import dev.cloudwarden.engine.incident.EntityType;

import java.util.Map;
import java.util.Set;

/**
 * What every action declares the same way, fixed when it is made: its name, its line for {@code playbooks actions},
 * its effect, the entity types it acts on and its parameters. The actions of each kind (AWS, Kubernetes, host)
 * add their clients and their work.
 */
public abstract class DeclaredAction implements Action {
    private final String name;
    private final String description;
    private final Effect effect;
    private final Set<EntityType> targets;
    private final Map<String, String> parameters;

    protected DeclaredAction(String name, String description, Effect effect, Set<EntityType> targets,
                             Map<String, String> parameters) {
        this.name = name;
        this.description = description;
        this.effect = effect;
        this.targets = Set.copyOf(targets);
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

    @Override
    public final Set<EntityType> targets() {
        return targets;
    }

    @Override
    public final Map<String, String> parameters() {
        return parameters;
    }
}
