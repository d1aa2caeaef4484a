package dev.cloudwarden.app.store;

import java.util.Map;

/**
 * Counts of the rows a filter selects, by field and value, each field's values by count descending (then value).
 * Alerts have the fields {@code level}, {@code status}, {@code rule}, {@code technique}; incidents
 * {@code severity}, {@code status}, {@code motive}, {@code technique}. An alert or incident with several
 * techniques counts once under each; a null level counts under {@code none}.
 *
 * <p>When more than {@value #FIRST} rows match, the counts are of the first {@value #FIRST} in the list's order
 * (the newest, unless sorted otherwise), and {@link #sampled()} says so: counting millions of alerts on every page
 * would cost seconds, and the newest rows are what a queue is about.
 *
 * @param sampled whether more rows matched than were counted
 */
public record Facets(Map<String, Map<String, Long>> byField, boolean sampled) {
    /** The most rows a facet count reads. */
    public static final int FIRST = 5_000;

    public Facets {
        byField = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byField));
    }

    public Map<String, Long> field(String name) {
        return byField.getOrDefault(name, Map.of());
    }
}
