package dev.cloudwarden.engine.sigma.correlate;

/**
 * Matches in event-time order, in one growable ring: a group's window and the matches it has waiting for the
 * watermark. Both gain at the newest end (a late match is inserted a few places back, after the matches of its own
 * time) and lose at the oldest, so a deque over one array serves them without a map keyed by time or sequence. The
 * times sit in an array of their own: eviction and due checks read only them, not the matches (cold by then).
 */
final class MatchQueue {
    private MatchInput[] items = new MatchInput[4];
    private long[] times = new long[4];
    private int head; // index of the oldest
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The {@code i}-th oldest match. */
    MatchInput get(int i) {
        return items[(head + i) & (items.length - 1)];
    }

    /** The time (ms) of the {@code i}-th oldest match. */
    long time(int i) {
        return times[(head + i) & (items.length - 1)];
    }

    /** The time (ms) of the oldest match; only when not empty. */
    long firstTime() {
        return times[head];
    }

    MatchInput removeFirst() {
        MatchInput m = items[head];
        items[head] = null;
        head = (head + 1) & (items.length - 1);
        size--;
        return m;
    }

    /**
     * Adds a match at {@code t}, its time (ms; given, as the caller has it at hand without reading the match), after
     * every match of the same or an earlier time: usually at the end, as matches mostly come in order.
     */
    void add(MatchInput in, long t) {
        if (size == items.length) {
            grow();
        }
        int at = size;
        while (at > 0 && time(at - 1) > t) {
            set(at, get(at - 1), time(at - 1));
            at--;
        }
        set(at, in, t);
        size++;
    }

    /** Whether some match is at {@code millis} (binary search: the queue is in time order). */
    boolean containsTime(long millis) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long t = time(mid);
            if (t == millis) {
                return true;
            }
            if (t < millis) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return false;
    }

    private void set(int i, MatchInput in, long time) {
        int at = (head + i) & (items.length - 1);
        items[at] = in;
        times[at] = time;
    }

    /** Doubles the ring (its length stays a power of two) and puts the oldest at index 0. */
    private void grow() {
        MatchInput[] biggerItems = new MatchInput[items.length * 2];
        long[] biggerTimes = new long[items.length * 2];
        for (int i = 0; i < size; i++) {
            biggerItems[i] = get(i);
            biggerTimes[i] = time(i);
        }
        items = biggerItems;
        times = biggerTimes;
        head = 0;
    }
}
