package dev.cloudwarden.app.store;

import java.util.Map;

/**
 * Counts of the rows a filter selects, by field and value, each field's values by count descending (then value).
 * Alerts have the fields {@code level}, {@code status}, {@code rule}, {@code technique}; incidents
 * {@code severity}, {@code status}, {@code motive}, {@code technique}. An alert or incident with several
 * techniques counts once under each; a null level counts under {@code none}.
 */
public record Facets(Map<String, Map<String, Long>> byField) {
    public Facets {
        byField = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byField));
    }

    public Map<String, Long> field(String name) {
        return byField.getOrDefault(name, Map.of());
    }
}
