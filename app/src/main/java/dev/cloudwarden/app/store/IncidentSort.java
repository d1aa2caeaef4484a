package dev.cloudwarden.app.store;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The orders of the incident queue. Score and severity tie often, so their ties read most recently active first;
 * each ends in the id, so the order is total (a page cursor needs that). PostgreSQL keeps an index in each order.
 */
public enum IncidentSort {
    /** Newest first, by the incident's first alert: the default. */
    FIRST("i.first_at", "first_at", ListOrder.Kind.TIME, false),
    /** Most recently active first, by the incident's latest alert. */
    LAST("i.last_at", "last_at", ListOrder.Kind.TIME, false),
    /** Highest score first (see the engine's incident score), then most recently active. */
    SCORE("i.score", "score", ListOrder.Kind.NUMBER, true),
    /** Most severe first, then most recently active. */
    SEVERITY("i.severity_rank", "severity_rank", ListOrder.Kind.NUMBER, true);

    private final ListOrder order;

    IncidentSort(String expression, String label, ListOrder.Kind kind, boolean tiesByLastActivity) {
        ListOrder.Key first = new ListOrder.Key(expression, label, kind);
        ListOrder.Key id = new ListOrder.Key("i.id", "id", ListOrder.Kind.TEXT);
        this.order = new ListOrder(name().toLowerCase(Locale.ROOT), tiesByLastActivity
                ? List.of(first, new ListOrder.Key("i.last_at", "last_at", ListOrder.Kind.TIME), id)
                : List.of(first, id));
    }

    /** The name the API and the UI use: {@code first}, {@code last}, {@code score}, {@code severity}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static IncidentSort of(String id) {
        for (IncidentSort s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown sort '" + id + "': one of " + ids());
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(IncidentSort::id).toList();
    }

    ListOrder order() {
        return order;
    }
}
