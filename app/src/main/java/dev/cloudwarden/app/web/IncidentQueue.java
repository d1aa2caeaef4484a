package dev.cloudwarden.app.web;

import dev.cloudwarden.app.store.Facets;

import dev.cloudwarden.app.store.IncidentSort;
import dev.cloudwarden.app.store.TriageStatus;

import java.util.Arrays;
import java.util.List;

/**
 * The incident queue's page: the filters as given, the page of incidents, facet counts (each a link that sets its
 * value as a filter) and the link to the next page (null on the last).
 */
public record IncidentQueue(Frame page, Filters filters, List<IncidentRow> incidents,
                            Facets facets, String next) {
    public static final List<String> STATUSES = Arrays.stream(TriageStatus.values()).map(TriageStatus::id).toList();
    public static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");

    /** The order the queue is in: {@code first} unless the request sorted it. */
    public String sort() {
        String s = filters.get("sort");
        return s.isEmpty() ? IncidentSort.FIRST.id() : s;
    }
}
