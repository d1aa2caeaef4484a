package dev.cloudwarden.engine.alert;

import dev.cloudwarden.engine.event.Event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A rule fired: once, or, after grouping, several times for one group key within a period
 * ({@link Occurrences}). The id is derived from the rule and the events that fired it (for a group, those of
 * its first match), so scanning the same input again yields the same ids (DESIGN.md: deterministic and
 * idempotent).
 *
 * @param ruleId      the rule's id (or its file and title when it has none)
 * @param tags        the rule's tags (ATT&CK techniques, catalog ids)
 * @param events      the events behind the alert: one for a detection rule, several for a correlation; for a
 *                    group, a bounded sample of its matches' events
 * @param observables what the detector itself matched (an intel value); the events' own addresses, principals
 *                    and domains are derived from the events ({@link Observables#of})
 * @param occurrences how many matches the alert stands for, and when they were seen
 */
public record Alert(String id, String ruleId, String ruleTitle, Level level, Instant time, List<String> tags,
                    List<Event> events, List<Observable> observables, Occurrences occurrences) {
    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(time, "time");
        tags = List.copyOf(tags);
        events = List.copyOf(events);
        observables = List.copyOf(observables);
        occurrences = Objects.requireNonNullElseGet(occurrences, () -> Occurrences.once(time));
    }

    /** One match, nothing matched beyond its events. */
    public Alert(String id, String ruleId, String ruleTitle, Level level, Instant time, List<String> tags,
                 List<Event> events) {
        this(id, ruleId, ruleTitle, level, time, tags, events, List.of(), null);
    }

    /** The event an analyst looks at first: the one that completed the match. */
    public Event event() {
        return events.get(events.size() - 1);
    }

    /** This alert standing for {@code occurrences} matches, with {@code sample} as its events. */
    public Alert grouped(Occurrences occurrences, List<Event> sample) {
        return new Alert(id, ruleId, ruleTitle, level, occurrences.firstSeen(), tags, sample, observables, occurrences);
    }

    /**
     * How many matches an alert stands for.
     *
     * @param count     matches (1 for an alert that was not grouped)
     * @param firstSeen the earliest match's time
     * @param lastSeen  the latest match's time
     * @param groupKey  what the matches shared (the actor's stable identity and account, or the rule's own
     *                  grouping fields); null for an alert that was not grouped
     */
    public record Occurrences(long count, Instant firstSeen, Instant lastSeen, String groupKey) {
        public Occurrences {
            if (count < 1) {
                throw new IllegalArgumentException("an alert stands for at least one match: " + count);
            }
            Objects.requireNonNull(firstSeen, "firstSeen");
            Objects.requireNonNull(lastSeen, "lastSeen");
        }

        public static Occurrences once(Instant time) {
            return new Occurrences(1, time, time, null);
        }
    }
}
