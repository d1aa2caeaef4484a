package dev.cloudwarden.engine.sigma.correlate;

import java.util.List;

/**
 * The state key of a correlation: which correlation, and the values of its group-by fields in their order.
 * Ordered so that timers due at the same time fire in an order that does not depend on arrival order. Its hash
 * is computed once: keyed state looks a key up several times per match.
 */
public final class GroupKey implements Comparable<GroupKey> {
    private final int correlation;
    private final List<String> values;
    private final int hash;

    public GroupKey(int correlation, List<String> values) {
        this.correlation = correlation;
        this.values = List.copyOf(values);
        this.hash = 31 * correlation + this.values.hashCode();
    }

    public int correlation() {
        return correlation;
    }

    public List<String> values() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupKey k && k.hash == hash && k.correlation == correlation && k.values.equals(values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(GroupKey o) {
        int c = Integer.compare(correlation, o.correlation);
        for (int i = 0; c == 0 && i < Math.min(values.size(), o.values.size()); i++) {
            c = values.get(i).compareTo(o.values.get(i));
        }
        return c != 0 ? c : Integer.compare(values.size(), o.values.size());
    }

    @Override
    public String toString() {
        return "GroupKey[correlation=" + correlation + ", values=" + values + "]";
    }
}
