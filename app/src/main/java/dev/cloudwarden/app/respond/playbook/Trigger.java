package dev.cloudwarden.app.respond.playbook;

import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import dev.cloudwarden.engine.incident.Incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which incidents a playbook answers. Every criterion given must hold; within a list, any one item will do.
 *
 * @param categories  the report's catalog rows (T1-T5, A1-A6, M1-M6): the incident is classified under one
 * @param techniques  ATT&CK techniques: the incident has one, or a sub-technique of one ({@code T1110} takes
 *                    {@code T1110.001})
 * @param minSeverity the incident's severity is this or above; null for any
 * @param entities    the incident has an entity of each of these types (the steps act on them)
 */
public record Trigger(List<String> categories, List<String> techniques, Level minSeverity, Set<EntityType> entities) {
    public Trigger {
        categories = List.copyOf(categories);
        techniques = List.copyOf(techniques);
        entities = Set.copyOf(entities);
    }

    public boolean matches(Incident incident) {
        if (!categories.isEmpty()) {
            List<String> rows = new ArrayList<>(incident.classification().initialAccess());
            rows.addAll(incident.classification().actions());
            rows.addAll(incident.classification().malware());
            if (categories.stream().noneMatch(rows::contains)) {
                return false;
            }
        }
        if (!techniques.isEmpty() && incident.techniques().stream()
                .noneMatch(t -> techniques.stream().anyMatch(w -> t.equals(w) || t.startsWith(w + ".")))) {
            return false;
        }
        if (minSeverity != null && (incident.severity() == null || incident.severity().compareTo(minSeverity) < 0)) {
            return false;
        }
        return entities.stream().allMatch(type -> incident.entities().stream().map(Entity::type).anyMatch(type::equals));
    }
}
