package dev.cloudwarden.app.web;

import dev.cloudwarden.app.store.TriageStatus;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The incident queue's page: the filters as given, the page of incidents, facet counts (each a link that adds its
 * value to the filters) and the link to the next page.
 *
 * @param filters the query's own parameters (status, severity, entity, technique, from, to), as given
 * @param query   the filters as a query string, for links that keep them
 * @param next    the next page's link, or null on the last page
 */
public record IncidentQueue(Frame page, Map<String, String> filters, String query, List<IncidentRow> incidents,
                            Map<String, Map<String, Long>> facets, String next) {
    public static final List<String> STATUSES = Arrays.stream(TriageStatus.values()).map(TriageStatus::id).toList();
    public static final List<String> SEVERITIES = List.of("informational", "low", "medium", "high", "critical");

    public String filter(String name) {
        return filters.getOrDefault(name, "");
    }

    /** The queue's link with {@code name=value} in place of that filter's current value (a facet's link). */
    public String with(String name, String value) {
        Map<String, String> changed = new java.util.LinkedHashMap<>(filters);
        changed.put(name, value);
        return "/incidents?" + queryOf(changed);
    }

    static String queryOf(Map<String, String> params) {
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                q.append(q.isEmpty() ? "" : "&").append(Fmt.url(k)).append('=').append(Fmt.url(v));
            }
        });
        return q.toString();
    }
}
