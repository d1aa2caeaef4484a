package dev.cloudwarden.engine.state;

import java.util.Arrays;

/**
 * A binary min-heap of (time, element) pairs in two arrays, earliest time first; elements of equal times come out in
 * no particular order (the caller sorts the few due at one time: breaking ties inside the heap compared keys at
 * every level of every sift, and with syslog's whole seconds most timers tie). Times are compared as primitives; a
 * heap of timer objects (or a sorted map of boxed times) chased pointers at each step, and timers were most of what a
 * correlation cost. The JDK has no such queue, and a primitive-collections library would bring megabytes for this one
 * structure.
 *
 * @param <E> the element type
 */
final class TimerHeap<E> {
    private long[] times = new long[64];
    private Object[] elements = new Object[64];
    private int size;

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
        while (i > 0 && time < times[(i - 1) >>> 1]) {
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
        Object last = elements[size];
        elements[size] = null;
        int i = 0;
        int child;
        while ((child = 2 * i + 1) < size) {
            if (child + 1 < size && times[child + 1] < times[child]) {
                child++;
            }
            if (times[child] >= lastTime) {
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

    private void move(int from, int to) {
        times[to] = times[from];
        elements[to] = elements[from];
    }
}
