package dev.cloudwarden.engine.sigma.correlate;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.AlertIds;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.sigma.model.CorrelationRule.Type;
import dev.cloudwarden.engine.state.TimerService;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static dev.cloudwarden.engine.sigma.correlate.WindowState.NONE;

/**
 * One group's sliding window over its {@link WindowState}, for the length of a callback. Matches arrive in
 * event-time order (the pending queue sees to it); each one closes a window, the timespan ending at it, inclusive at
 * both ends; older entries are evicted first.
 */
final class Window {
    private final CompiledCorrelation c;
    private final WindowState s;

    Window(CompiledCorrelation c, WindowState s) {
        this.c = c;
        this.s = s;
    }

    /**
     * Adds a match at {@code t} (its time, ms), then fires if the window ending at it meets the condition and the group
     * is not quiet. A bare count reads nothing of the match itself unless it fires.
     */
    void add(MatchInput in, long t, Consumer<CorrelationHit> out) {
        evictBefore(t - c.spanMillis());
        if (!c.accepts(in)) {
            return;
        }
        s.entries.add(in, t);
        enter(in, t);
        if (t <= s.suppressedUntil) {
            return; // one alert per group until the window that fired has slid past it
        }
        double measured = measure(in, t - c.spanMillis());
        if (c.holds(measured)) {
            fire(in, chainFrom(measured), out);
            s.suppressedUntil = t + c.spanMillis();
        }
    }

    /** Drops the entries before {@code cutoff} (event time, ms): no later window can hold them. */
    void evictBefore(long cutoff) {
        while (!s.entries.isEmpty() && s.entries.firstTime() < cutoff) {
            MatchInput e = s.entries.removeFirst();
            if (c.aggregatesEntries()) {
                leave(e); // a bare count reads nothing of the match, which has been out of the cache for a while
            }
        }
        if (s.entries.isEmpty()) {
            s.sum = 0; // no rounding left over from additions and subtractions
        }
    }

    /**
     * Ends the callback at {@code now} and keeps one housekeeping timer: when the oldest entry leaves the timespan,
     * or when the quiet period ends. Returns false when the group holds nothing any more and can be forgotten.
     */
    boolean settle(long now, TimerService timers) {
        if (s.suppressedUntil != NONE && s.suppressedUntil < now) {
            s.suppressedUntil = NONE;
        }
        long next = !s.entries.isEmpty() ? s.entries.firstTime() + c.spanMillis() + 1
                : s.suppressedUntil != NONE ? s.suppressedUntil + 1 : NONE;
        // a pending match may share the old timer's time; deleting it would strand the match
        if (s.housekeeping != NONE && s.housekeeping != next && s.housekeeping > now
                && !s.pending.containsTime(s.housekeeping)) {
            timers.deleteEventTimeTimer(s.housekeeping);
        }
        if (next != NONE) {
            timers.registerEventTimeTimer(next);
        }
        s.housekeeping = next;
        return !s.isEmpty();
    }

    /** Counts a match into the aggregates its correlation's type reads. */
    private void enter(MatchInput e, long t) {
        if (c.type() == Type.TEMPORAL) {
            s.perRule[e.ruleIndex()]++;
        }
        if (c.sumsNumbers()) {
            s.sum += e.number();
        }
        if (s.values != null) {
            s.values.merge(e.value(), 1, Integer::sum);
        }
        if (c.type() == Type.TEMPORAL_ORDERED) {
            int i = e.ruleIndex();
            if (i == 0) {
                s.chainStart[0] = t;
            } else if (s.chainStart[i - 1] != NONE) {
                // this match extends the latest-starting chain that reached the previous rule
                s.chainStart[i] = Math.max(s.chainStart[i], s.chainStart[i - 1]);
            }
        }
    }

    /** Takes an evicted match out of the aggregates (only called when there are any to update). */
    private void leave(MatchInput e) {
        if (c.type() == Type.TEMPORAL) {
            s.perRule[e.ruleIndex()]--;
        }
        if (c.sumsNumbers()) {
            s.sum -= e.number();
        }
        if (s.values != null) {
            s.values.computeIfPresent(e.value(), (v, n) -> n == 1 ? null : n - 1);
        }
        // chainStart needs no update: a start before the window's beginning simply no longer counts
    }

    private double measure(MatchInput latest, long windowStart) {
        int size = s.entries.size();
        return switch (c.type()) {
            case EVENT_COUNT -> size;
            case VALUE_COUNT -> s.values.size();
            case TEMPORAL -> Arrays.stream(s.perRule).filter(n -> n > 0).count();
            case TEMPORAL_ORDERED -> orderedPrefix(windowStart);
            case VALUE_SUM -> s.sum;
            case VALUE_AVG -> s.sum / size;
            case VALUE_PERCENTILE -> c.measuresRarity()
                    ? 100.0 * s.values.get(latest.value()) / size
                    : Percentiles.of(numbers(), c.rule().condition().percentile());
            case VALUE_MEDIAN -> Percentiles.of(numbers(), 50);
        };
    }

    /** How many of the rules, from the first, have been seen in order within the window. */
    private int orderedPrefix(long windowStart) {
        int n = 0;
        while (n < s.chainStart.length && s.chainStart[n] != NONE && s.chainStart[n] >= windowStart) {
            n++;
        }
        return n;
    }

    /** For temporal_ordered, the alert starts where its chain starts; other types take the whole window. */
    private long chainFrom(double measured) {
        int prefix = (int) measured;
        return c.type() == Type.TEMPORAL_ORDERED && prefix > 0 ? s.chainStart[prefix - 1] : NONE;
    }

    private List<Double> numbers() {
        List<Double> out = new ArrayList<>(s.entries.size());
        for (int i = 0; i < s.entries.size(); i++) {
            Double n = s.entries.get(i).number();
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }

    private void fire(MatchInput latest, long from, Consumer<CorrelationHit> out) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < s.entries.size(); i++) {
            if (s.entries.time(i) >= from) {
                events.addAll(s.entries.get(i).events());
            }
        }
        String id = AlertIds.of(c.key(), events.stream().map(Event::raw).toList());
        out.accept(new CorrelationHit(c.index(), new Alert(id, c.key(), c.rule().title(), c.rule().level(),
                latest.time(), c.rule().tags(), events)));
    }
}
