package dev.cloudwarden.engine.sigma.correlate;

import dev.cloudwarden.engine.event.Event;

import java.time.Instant;
import java.util.List;

/** A match held in a group's window (state value: plain data). */
public record WindowEntry(Instant time, int ruleIndex, String value, Double number, List<Event> events) {
    public WindowEntry {
        events = List.copyOf(events);
    }

    static WindowEntry of(MatchInput in) {
        return new WindowEntry(in.time(), in.ruleIndex(), in.value(), in.number(), in.events());
    }

    long millis() {
        return time.toEpochMilli();
    }
}
