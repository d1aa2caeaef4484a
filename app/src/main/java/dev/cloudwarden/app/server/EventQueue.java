package dev.cloudwarden.app.server;

import dev.cloudwarden.engine.event.Event;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Events waiting for the detection run, bounded by their count: an HTTP request that would overfill it is refused
 * (the client retries after 429), a file input waits for room. Either way nothing is dropped: what is in the queue
 * is processed, what is refused was never accepted.
 */
final class EventQueue {
    /** One request body's or one read's events, and what to do once the run has taken them. */
    record Batch(String input, List<Event> events, Runnable taken) {
        Batch {
            events = List.copyOf(events);
            taken = taken != null ? taken : () -> { };
        }
    }

    private final LinkedBlockingQueue<Batch> batches = new LinkedBlockingQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final long capacity;
    private final Object room = new Object();

    EventQueue(long capacity) {
        this.capacity = capacity;
    }

    /** Adds the batch when it fits (a batch larger than the whole queue fits only into an empty one). */
    boolean offer(Batch batch) {
        long size = batch.events().size();
        while (true) {
            long now = queued.get();
            if (now > 0 && now + size > capacity) {
                return false;
            }
            if (queued.compareAndSet(now, now + size)) {
                batches.add(batch);
                return true;
            }
        }
    }

    /** Adds the batch, waiting for room. */
    void put(Batch batch) throws InterruptedException {
        synchronized (room) {
            while (!offer(batch)) {
                room.wait(100);
            }
        }
    }

    /** The next batch, or null after {@code wait} without one. */
    Batch poll(Duration wait) throws InterruptedException {
        Batch b = batches.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (b != null) {
            queued.addAndGet(-b.events().size());
            synchronized (room) {
                room.notifyAll();
            }
        }
        return b;
    }

    long depth() {
        return queued.get();
    }

    long capacity() {
        return capacity;
    }
}
