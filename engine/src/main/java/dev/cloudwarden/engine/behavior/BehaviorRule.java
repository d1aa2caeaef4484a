package dev.cloudwarden.engine.behavior;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.AlertIds;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.alert.Level;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What a behavioral detector's alerts say: a rule id in the {@code cloudwarden.behavior.} namespace, a title, a
 * level and tags (ATT&CK techniques and the catalog id, as the rule pack writes them: {@code cloudwarden.t4}).
 * Alert ids hash the rule id, the key and the evidence's original records, so a rescan gives the same ids.
 */
public record BehaviorRule(String id, String title, Level level, List<String> tags) {
    public static final String PREFIX = "cloudwarden.behavior.";

    /** Events in event-time order; events of the same millisecond by their record's digest (arrival order never counts). */
    public static final Comparator<Event> EVENT_ORDER = Comparator.comparing(Event::time)
            .thenComparing((a, b) -> Arrays.compare(a.raw().digest(), b.raw().digest()));

    public BehaviorRule {
        if (!id.startsWith(PREFIX)) {
            throw new IllegalArgumentException("behavioral rule ids start with " + PREFIX + ": " + id);
        }
        tags = List.copyOf(tags);
    }

    /**
     * An alert about {@code key}, with {@code detail} after the title (what deviated, by how much), carried by
     * {@code evidence} (sorted here). Its time is the latest evidence event's.
     */
    public Alert alert(String key, String detail, List<Event> evidence) {
        List<Event> events = new ArrayList<>(evidence);
        events.sort(EVENT_ORDER);
        List<RawRecord> records = events.stream().map(Event::raw).toList();
        String alertId = AlertIds.of(id + "\u0000" + key, records);
        return new Alert(alertId, id, title + ": " + detail, level, events.get(events.size() - 1).time(), tags, events);
    }
}
