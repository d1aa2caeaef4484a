package dev.cloudwarden.engine.sigma.correlate;

import dev.cloudwarden.engine.event.Event;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * One match of a referenced rule, routed to its group: which of the correlation's rules matched, when, the
 * value of the condition's {@code field} (as text and, when numeric, as a number) and the events behind it
 * (one for a detection rule, several when the referenced rule is itself a correlation).
 */
public record MatchInput(int ruleIndex, Instant time, String value, Double number, List<Event> events) {
    /**
     * The order in which matches of one group and one time are processed, whatever order they arrived in: by the
     * position of their rule in the correlation (so same-millisecond matches count as in order for
     * temporal_ordered), then by event text.
     */
    static final Comparator<MatchInput> SAME_TIME_ORDER = Comparator.comparingInt(MatchInput::ruleIndex)
            .thenComparing(MatchInput::texts, MatchInput::compareTexts);

    public MatchInput {
        events = List.copyOf(events);
    }

    long millis() {
        return time.toEpochMilli();
    }

    private static List<String> texts(MatchInput in) {
        return in.events().stream().map((Event e) -> e.raw().text()).toList();
    }

    private static int compareTexts(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
