package dev.cloudwarden.engine.alert;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.sigma.model.Level;

import java.time.Instant;
import java.util.List;

/**
 * A rule fired. The id is derived from the rule and the event that fired it, so scanning the same input
 * again yields the same ids (DESIGN.md: deterministic and idempotent).
 *
 * @param ruleId    the rule's id (or its file and title when it has none)
 * @param tags      the rule's tags (ATT&CK techniques, catalog ids)
 * @param events    the events behind the alert: one for a detection rule, several for a correlation
 */
public record Alert(String id, String ruleId, String ruleTitle, Level level, Instant time, List<String> tags,
                    List<Event> events) {
    public Alert {
        tags = List.copyOf(tags);
        events = List.copyOf(events);
    }

    /** The event an analyst looks at first: the one that completed the match. */
    public Event event() {
        return events.get(events.size() - 1);
    }
}
