package dev.cloudwarden.engine.run;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.detect.EventDetector;
import dev.cloudwarden.engine.detect.RuleMatches;
import dev.cloudwarden.engine.event.Event;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The stateless detectors (rule matching, intel) on worker threads. Events are cut into batches in arrival order;
 * each batch is matched on one worker with that worker's own copies of the detectors ({@link EventDetector#fork()});
 * finished batches are handed back in the order they were cut, so the stateful part of the run sees exactly the
 * sequence a single thread would give, and the run's alert and incident ids do not depend on the thread count.
 * At most two batches per worker are in flight, so memory stays bounded whatever the input's size.
 */
final class ParallelMatching implements AutoCloseable {
    static final int BATCH = 512;

    /** Matched events, for the stateful stage, in order. */
    interface Settler {
        void settle(Event event, RuleMatches matches, List<Alert> alerts);
    }

    private final ExecutorService pool;
    private final BlockingQueue<List<EventDetector>> detectorSets;
    private final ArrayDeque<Future<Batch>> inFlight = new ArrayDeque<>();
    private final int maxInFlight;
    private final Settler settler;
    private Batch current = new Batch();

    ParallelMatching(List<EventDetector> stateless, int threads, Settler settler) {
        this.settler = settler;
        this.maxInFlight = 2 * threads;
        this.detectorSets = new ArrayBlockingQueue<>(threads);
        for (int i = 0; i < threads; i++) {
            detectorSets.add(stateless.stream().map(EventDetector::fork).toList());
        }
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "cloudwarden-match");
            t.setDaemon(true);
            return t;
        });
    }

    void accept(Event event) {
        current.events.add(event);
        if (current.events.size() == BATCH) {
            dispatch();
        }
    }

    /** Every event accepted so far is matched and settled. */
    void drain() {
        if (!current.events.isEmpty()) {
            dispatch();
        }
        while (!inFlight.isEmpty()) {
            settleOldest();
        }
    }

    private void dispatch() {
        Batch b = current;
        current = new Batch();
        inFlight.add(pool.submit(() -> {
            List<EventDetector> detectors = detectorSets.take();
            try {
                b.match(detectors);
            } finally {
                detectorSets.add(detectors);
            }
            return b;
        }));
        while (inFlight.size() > maxInFlight) {
            settleOldest();
        }
    }

    private void settleOldest() {
        Batch b;
        try {
            b = inFlight.removeFirst().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while matching", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
        for (int i = 0; i < b.events.size(); i++) {
            settler.settle(b.events.get(i), b.matches.get(i), b.alerts.get(i));
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** Events in arrival order, and what the stateless detectors found in each. */
    private static final class Batch {
        final List<Event> events = new ArrayList<>(BATCH);
        final List<RuleMatches> matches = new ArrayList<>(BATCH);
        final List<List<Alert>> alerts = new ArrayList<>(BATCH);

        void match(List<EventDetector> detectors) {
            for (Event e : events) {
                RuleMatches m = new RuleMatches();
                List<Alert> found = new ArrayList<>(0);
                for (EventDetector d : detectors) {
                    d.process(e, m, found::add);
                }
                matches.add(m);
                alerts.add(found);
            }
        }
    }
}
