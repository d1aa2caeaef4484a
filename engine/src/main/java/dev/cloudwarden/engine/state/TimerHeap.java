package dev.cloudwarden.engine.state;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A binary min-heap of (time, element) pairs in two arrays, earliest time first and, among equal times, in the
 * element order given: the timers of {@link InMemoryKeyedState}. Times are compared as primitives and elements only
 * on ties; a heap of timer objects (or a sorted map of boxed times) chased pointers at each step, and timers were most
 * of what a correlation cost. The JDK has no such queue, and a primitive-collections library would bring megabytes
 * for this one structure.
 *
 * @param <E> the element type
 */
final class TimerHeap<E> {
    private final Comparator<? super E> order;
    private long[] times = new long[64];
    private Object[] elements = new Object[64];
    private int size;

    TimerHeap(Comparator<? super E> order) {
        this.order = order;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The earliest time; only when not empty. */
    long peekTime() {
        return times[0];
    }

    void add(long time, E element) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            elements = Arrays.copyOf(elements, size * 2);
        }
        int i = size++;
        while (i > 0 && before(time, element, (i - 1) >>> 1)) {
            move((i - 1) >>> 1, i);
            i = (i - 1) >>> 1;
        }
        times[i] = time;
        elements[i] = element;
    }

    /** Removes the first pair and returns its element; only when not empty. */
    @SuppressWarnings("unchecked")
    E poll() {
        E first = (E) elements[0];
        long lastTime = times[--size];
        E last = (E) elements[size];
        elements[size] = null;
        int i = 0;
        int child;
        while ((child = 2 * i + 1) < size) {
            if (child + 1 < size && before(times[child + 1], (E) elements[child + 1], child)) {
                child++;
            }
            if (!before(times[child], (E) elements[child], lastTime, last)) {
                break;
            }
            move(child, i);
            i = child;
        }
        if (size > 0) {
            times[i] = lastTime;
            elements[i] = last;
        }
        return first;
    }

    @SuppressWarnings("unchecked")
    private boolean before(long time, E element, int at) {
        return before(time, element, times[at], (E) elements[at]);
    }

    private boolean before(long t1, E e1, long t2, E e2) {
        return t1 < t2 || t1 == t2 && order.compare(e1, e2) < 0;
    }

    private void move(int from, int to) {
        times[to] = times[from];
        elements[to] = elements[from];
    }
}
