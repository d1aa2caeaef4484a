package dev.cloudwarden.engine.sigma.correlate;

import java.util.List;

/**
 * The state key of a correlation: which correlation, and the values of its group-by fields in their order.
 * Ordered so that timers due at the same time fire in an order that does not depend on arrival order.
 */
public record GroupKey(int correlation, List<String> values) implements Comparable<GroupKey> {
    public GroupKey {
        values = List.copyOf(values);
    }

    @Override
    public int compareTo(GroupKey o) {
        int c = Integer.compare(correlation, o.correlation);
        for (int i = 0; c == 0 && i < Math.min(values.size(), o.values.size()); i++) {
            c = values.get(i).compareTo(o.values.get(i));
        }
        return c != 0 ? c : Integer.compare(values.size(), o.values.size());
    }
}
