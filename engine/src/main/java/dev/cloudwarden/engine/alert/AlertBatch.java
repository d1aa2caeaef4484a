package dev.cloudwarden.engine.alert;

import dev.cloudwarden.engine.state.ImmutableState;
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

    /** The alerts by id: the order in which same-time alerts are handled, whatever order they arrived in. */
    public List<Alert> inIdOrder() {
        List<Alert> sorted = new ArrayList<>(alerts);
        sorted.sort(Comparator.comparing(Alert::id));
        return sorted;
    }
}
