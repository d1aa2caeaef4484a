package dev.cloudwarden.engine.intel.match;

import dev.cloudwarden.engine.intel.Indicator;

import java.util.Arrays;
import java.util.List;

/**
 * What the index keeps per key: one {@link Indicator}, or an {@code Indicator[]} when several feeds list the same
 * value. A bare indicator costs no list or array for the common case of a value listed once.
 */
final class Slots {
    private Slots() {
    }

    /** {@code slot} with {@code more} added (either may be null, an indicator or an array). */
    static Object merge(Object slot, Object more) {
        if (slot == null) {
            return more;
        }
        if (more == null) {
            return slot;
        }
        Indicator[] a = toArray(slot);
        Indicator[] b = toArray(more);
        Indicator[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static Indicator[] toArray(Object slot) {
        if (slot == null) {
            return new Indicator[0];
        }
        return slot instanceof Indicator i ? new Indicator[]{i} : (Indicator[]) slot;
    }

    static List<Indicator> toList(Object slot) {
        if (slot == null) {
            return List.of();
        }
        return slot instanceof Indicator i ? List.of(i) : List.of((Indicator[]) slot);
    }

    static int size(Object slot) {
        return slot == null ? 0 : slot instanceof Indicator ? 1 : ((Indicator[]) slot).length;
    }

    static Indicator get(Object slot, int i) {
        return slot instanceof Indicator one ? one : ((Indicator[]) slot)[i];
    }
}
