package dev.cloudwarden.engine.sigma.correlate;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.AlertIds;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.sigma.model.CorrelationRule.Type;
import dev.cloudwarden.engine.state.KeyedState;
import dev.cloudwarden.engine.state.MapState;
import dev.cloudwarden.engine.state.ValueState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * One group's sliding window, loaded from keyed state for the length of a callback and saved back at its
 * end. Matches arrive in event-time order (the pending buffer sees to it); each one closes a window, the
 * timespan ending at it, inclusive at both ends; older entries are evicted first.
 */
final class Window {
    static final String META_STATE = "correlation-window";
    static final String ENTRIES_STATE = "correlation-entries";
    static final String VALUES_STATE = "correlation-values";
    private static final long NONE = Long.MIN_VALUE;

    private final CompiledCorrelation c;
    private final KeyedState<GroupKey> state;
    private final ValueState<WindowMeta> meta;
    private final MapState<Long, WindowEntry> entries;
    private final MapState<String, Integer> values;
    private final boolean tracksValues;
    private long firstSeq;
    private long nextSeq;
    private long suppressedUntil = NONE;
    private double sum;
    private int distinct;
    private final int[] perRule;
    private final long[] chainStart;
    private long housekeeping = NONE;

    Window(CompiledCorrelation c, KeyedState<GroupKey> state) {
        this.c = c;
        this.state = state;
        this.meta = state.valueState(META_STATE, WindowMeta.class);
        this.entries = state.mapState(ENTRIES_STATE, Long.class, WindowEntry.class);
        this.values = state.mapState(VALUES_STATE, String.class, Integer.class);
        this.tracksValues = c.type() == Type.VALUE_COUNT || c.measuresRarity();
        this.perRule = new int[c.ruleCount()];
        this.chainStart = new long[c.ruleCount()];
        Arrays.fill(chainStart, NONE);
        WindowMeta m = meta.value();
        if (m != null) {
            firstSeq = m.firstSeq();
            nextSeq = m.nextSeq();
            suppressedUntil = m.suppressedUntil();
            sum = m.sum();
            distinct = m.distinct();
            for (int i = 0; i < perRule.length; i++) {
                perRule[i] = m.perRule().get(i);
                chainStart[i] = m.chainStart().get(i);
            }
            housekeeping = m.housekeeping();
        }
    }

    /** Adds a match, then fires if the window ending at it meets the condition and the group is not quiet. */
    void add(MatchInput in, Consumer<CorrelationHit> out) {
        long t = in.millis();
        evictBefore(t - c.spanMillis());
        if (!c.accepts(in)) {
            return;
        }
        WindowEntry e = WindowEntry.of(in);
        entries.put(nextSeq++, e);
        enter(e);
        if (t <= suppressedUntil) {
            return; // one alert per group until the window that fired has slid past it
        }
        double measured = measure(e, t - c.spanMillis());
        if (c.holds(measured)) {
            fire(e, chainFrom(measured), out);
            suppressedUntil = t + c.spanMillis();
        }
    }

    /** Drops the entries before {@code cutoff} (event time, ms): no later window can hold them. */
    void evictBefore(long cutoff) {
        while (firstSeq < nextSeq) {
            WindowEntry e = entries.get(firstSeq);
            if (e.millis() >= cutoff) {
                break;
            }
            entries.remove(firstSeq++);
            leave(e);
        }
        if (firstSeq == nextSeq) {
            sum = 0; // no rounding left over from additions and subtractions
        }
    }

    /**
     * Writes the window back and keeps one housekeeping timer: when the oldest entry leaves the timespan, or
     * when the quiet period ends. An empty, quiet-free group leaves no state at all.
     */
    void save(long now, MapState<Long, PendingBatch> pending) {
        if (suppressedUntil != NONE && suppressedUntil < now) {
            suppressedUntil = NONE;
        }
        long next = firstSeq < nextSeq ? entries.get(firstSeq).millis() + c.spanMillis() + 1
                : suppressedUntil != NONE ? suppressedUntil + 1 : NONE;
        // a pending batch may share the old timer's time; deleting it would strand the batch
        if (housekeeping != NONE && housekeeping != next && housekeeping > now && !pending.contains(housekeeping)) {
            state.timers().deleteEventTimeTimer(housekeeping);
        }
        if (next != NONE) {
            state.timers().registerEventTimeTimer(next);
        }
        housekeeping = next;
        if (firstSeq == nextSeq && suppressedUntil == NONE) {
            meta.clear();
            values.clear();
            return;
        }
        List<Integer> rules = Arrays.stream(perRule).boxed().toList();
        List<Long> chain = Arrays.stream(chainStart).boxed().toList();
        meta.update(new WindowMeta(firstSeq, nextSeq, suppressedUntil, sum, distinct, rules, chain, housekeeping));
    }

    private void enter(WindowEntry e) {
        perRule[e.ruleIndex()]++;
        if (e.number() != null) {
            sum += e.number();
        }
        if (tracksValues) {
            Integer n = values.get(e.value());
            values.put(e.value(), n == null ? 1 : n + 1);
            if (n == null) {
                distinct++;
            }
        }
        int i = e.ruleIndex();
        if (i == 0) {
            chainStart[0] = e.millis();
        } else if (chainStart[i - 1] != NONE) {
            // this match extends the latest-starting chain that reached the previous rule
            chainStart[i] = Math.max(chainStart[i], chainStart[i - 1]);
        }
    }

    private void leave(WindowEntry e) {
        perRule[e.ruleIndex()]--;
        if (e.number() != null) {
            sum -= e.number();
        }
        if (tracksValues) {
            int n = values.get(e.value());
            if (n == 1) {
                values.remove(e.value());
                distinct--;
            } else {
                values.put(e.value(), n - 1);
            }
        }
        // chainStart needs no update: a start before the window's beginning simply no longer counts
    }

    private int size() {
        return (int) (nextSeq - firstSeq);
    }

    private double measure(WindowEntry latest, long windowStart) {
        return switch (c.type()) {
            case EVENT_COUNT -> size();
            case VALUE_COUNT -> distinct;
            case TEMPORAL -> Arrays.stream(perRule).filter(n -> n > 0).count();
            case TEMPORAL_ORDERED -> orderedPrefix(windowStart);
            case VALUE_SUM -> sum;
            case VALUE_AVG -> sum / size();
            case VALUE_PERCENTILE -> c.measuresRarity()
                    ? 100.0 * values.get(latest.value()) / size()
                    : Percentiles.of(numbers(), c.rule().condition().percentile());
            case VALUE_MEDIAN -> Percentiles.of(numbers(), 50);
        };
    }

    /** How many of the rules, from the first, have been seen in order within the window. */
    private int orderedPrefix(long windowStart) {
        int n = 0;
        while (n < chainStart.length && chainStart[n] != NONE && chainStart[n] >= windowStart) {
            n++;
        }
        return n;
    }

    /** For temporal_ordered, the alert starts where its chain starts; other types take the whole window. */
    private long chainFrom(double measured) {
        int prefix = (int) measured;
        return c.type() == Type.TEMPORAL_ORDERED && prefix > 0 ? chainStart[prefix - 1] : NONE;
    }

    private List<Double> numbers() {
        List<Double> out = new ArrayList<>(size());
        for (long s = firstSeq; s < nextSeq; s++) {
            Double n = entries.get(s).number();
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }

    private void fire(WindowEntry latest, long from, Consumer<CorrelationHit> out) {
        List<Event> events = new ArrayList<>();
        for (long s = firstSeq; s < nextSeq; s++) {
            WindowEntry e = entries.get(s);
            if (e.millis() >= from) {
                events.addAll(e.events());
            }
        }
        String id = AlertIds.of(c.key(), events.stream().map(Event::raw).toList());
        out.accept(new CorrelationHit(c.index(), new Alert(id, c.key(), c.rule().title(), c.rule().level(),
                latest.time(), c.rule().tags(), events)));
    }
}
