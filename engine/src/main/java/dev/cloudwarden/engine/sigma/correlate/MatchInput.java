package dev.cloudwarden.engine.sigma.correlate;

import dev.cloudwarden.engine.event.Event;

import java.time.Instant;
import java.util.List;

/**
 * One match of a referenced rule, routed to its group: which of the correlation's rules matched, when, the
 * value of the condition's {@code field} (as text and, when numeric, as a number) and the events behind it
 * (one for a detection rule, several when the referenced rule is itself a correlation).
 */
public record MatchInput(int ruleIndex, Instant time, String value, Double number, List<Event> events) {
    public MatchInput {
        events = List.copyOf(events);
    }

    long millis() {
        return time.toEpochMilli();
    }
}
