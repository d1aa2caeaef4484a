package dev.cloudwarden.app.respond.action;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The actions playbooks can name, by name. */
public final class Actions {
    private final Map<String, Action> byName = new LinkedHashMap<>();

    public Actions(Collection<? extends Action> actions) {
        for (Action a : actions) {
            if (byName.putIfAbsent(a.name(), a) != null) {
                throw new IllegalArgumentException("two actions named " + a.name());
            }
        }
    }

    public Optional<Action> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<Action> all() {
        return List.copyOf(byName.values());
    }
}
