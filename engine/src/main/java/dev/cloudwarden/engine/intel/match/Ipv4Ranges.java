package dev.cloudwarden.engine.intel.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * IPv4 CIDR ranges as a sorted table of disjoint segments: each segment holds every indicator whose range covers
 * it (an address in 10.1.0.0/16 inside a listed 10.0.0.0/8 gets both), so a lookup is one binary search over an
 * {@code int[]}, without allocating.
 *
 * <p>Why not the IPAddress library's {@code IPv4AddressAssociativeTrie}, which the design names for CIDRs: measured
 * on this project's JVM with 200,000 random /16-/28 ranges, a {@code longestPrefixMatchNode} lookup took 4-8 µs
 * (plus ~0.5 µs to build the {@code IPv4Address} to ask with) and the trie held ~480 bytes per range. Two lookups per
 * flow record would cost more than the whole scan does per event; this table answers in ~0.1 µs and holds ~20 bytes
 * per range. IPv6 ranges, which events rarely carry, still use the library's trie (see {@link IntelIndex}); the
 * property tests check this table against the trie and against a naive scan.
 */
final class Ipv4Ranges {
    static final Ipv4Ranges EMPTY = new Ipv4Ranges(new int[0], new Object[0]);

    /** Segment starts, sign-flipped ({@code address ^ 0x80000000}) so that signed order is address order. */
    private final int[] starts;
    /** What covers [starts[i], starts[i + 1]): a slot, or null where no range does. */
    private final Object[] values;

    private Ipv4Ranges(int[] starts, Object[] values) {
        this.starts = starts;
        this.values = values;
    }

    int segments() {
        return starts.length;
    }

    /** The slot of every range containing {@code address} (its 32 bits), or null. */
    Object get(int address) {
        int key = address ^ 0x80000000;
        int lo = 0;
        int hi = starts.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= key) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? null : values[found];
    }

    /** Collects ranges, then {@link #build()}s the table. */
    static final class Builder {
        /** (network << 6 | prefix length) → slot: one entry per distinct range, whatever lists it. */
        private final Map<Long, Object> ranges = new HashMap<>();

        void add(int network, int prefixLength, Object slot) {
            long key = (Integer.toUnsignedLong(network) << 6) | prefixLength;
            ranges.merge(key, slot, Slots::merge);
        }

        Ipv4Ranges build() {
            if (ranges.isEmpty()) {
                return EMPTY;
            }
            record Range(long start, long end, Object slot) {
            }
            List<Range> sorted = new ArrayList<>(ranges.size());
            ranges.forEach((key, slot) -> {
                int length = (int) (key & 63);
                long start = key >>> 6;
                sorted.add(new Range(start, start + (1L << (32 - length)) - 1, slot));
            });
            // CIDR ranges nest or are disjoint: sorted by start, the containing one first, a stack gives the segments.
            sorted.sort(Comparator.comparingLong(Range::start).thenComparing(Comparator.comparingLong(Range::end).reversed()));
            Segments out = new Segments(sorted.size() * 2 + 1);
            long[] ends = new long[33];
            Object[] covering = new Object[33];
            int depth = 0;
            for (Range r : sorted) {
                while (depth > 0 && ends[depth - 1] < r.start()) {
                    long end = ends[--depth];
                    out.put(end + 1, depth > 0 ? covering[depth - 1] : null);
                }
                Object merged = depth > 0 ? Slots.merge(covering[depth - 1], r.slot()) : r.slot();
                ends[depth] = r.end();
                covering[depth++] = merged;
                out.put(r.start(), merged);
            }
            while (depth > 0) {
                long end = ends[--depth];
                out.put(end + 1, depth > 0 ? covering[depth - 1] : null);
            }
            return new Ipv4Ranges(Arrays.copyOf(out.starts, out.size), Arrays.copyOf(out.values, out.size));
        }
    }

    private static final class Segments {
        int[] starts;
        Object[] values;
        int size;

        Segments(int capacity) {
            starts = new int[capacity];
            values = new Object[capacity];
        }

        /** From {@code start} on, {@code slot} applies (a later put at the same start replaces it). */
        void put(long start, Object slot) {
            if (start > 0xFFFF_FFFFL) {
                return; // the range ran to 255.255.255.255: nothing follows it
            }
            int key = (int) start ^ 0x80000000;
            if (size > 0 && starts[size - 1] == key) {
                values[size - 1] = slot;
                return;
            }
            if (size > 0 && values[size - 1] == slot) {
                return;
            }
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            starts[size] = key;
            values[size++] = slot;
        }
    }
}
