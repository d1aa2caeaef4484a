package dev.cloudwarden.engine.alert;

import dev.cloudwarden.engine.state.ImmutableState;
import dev.cloudwarden.engine.state.ImmutableState;
import dev.cloudwarden.engine.state.KeyedState;
import dev.cloudwarden.engine.state.MapState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Alerts of one event time waiting for the watermark (state value of the operators that take alerts in event-time
 * order: grouping and incidents). Immutable: each addition is a new batch, as a serializing state backend needs.
 */
public record AlertBatch(List<Alert> alerts) implements ImmutableState {
    public AlertBatch {
        alerts = List.copyOf(alerts);
    }

    public static AlertBatch of(Alert a) {
        return new AlertBatch(List.of(a));
    }

    public AlertBatch plus(Alert a) {
        List<Alert> l = new ArrayList<>(alerts.size() + 1);
        l.addAll(alerts);
        l.add(a);
        return new AlertBatch(l);
    }

    /**
     * Parks {@code alert} in the map state {@code name} (event time → batch) until the watermark passes its time,
     * with a timer at that time; returns false, parking nothing, when the watermark already has (the caller handles
     * a late alert at once).
     */
    public static boolean park(Alert alert, KeyedState<?> state, String name) {
        long t = alert.time().toEpochMilli();
        if (t <= state.timers().currentWatermark()) {
            return false;
        }
        MapState<Long, AlertBatch> pending = state.mapState(name, Long.class, AlertBatch.class);
        AlertBatch waiting = pending.get(t);
        pending.put(t, waiting == null ? of(alert) : waiting.plus(alert));
        state.timers().registerEventTimeTimer(t);
        return true;
    }

    /** The alerts parked for {@code time} in the map state {@code name}, in id order, taken out of it. */
    public static List<Alert> takeDue(long time, KeyedState<?> state, String name) {
        MapState<Long, AlertBatch> pending = state.mapState(name, Long.class, AlertBatch.class);
        AlertBatch due = pending.get(time);
        if (due == null) {
            return List.of();
        }
        pending.remove(time);
        return due.inIdOrder();
    }

    /** The alerts by id: the order in which same-time alerts are handled, whatever order they arrived in. */
    public List<Alert> inIdOrder() {
        List<Alert> sorted = new ArrayList<>(alerts);
        sorted.sort(Comparator.comparing(Alert::id));
        return sorted;
    }
}
