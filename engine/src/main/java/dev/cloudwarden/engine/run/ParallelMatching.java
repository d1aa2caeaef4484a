package dev.cloudwarden.engine.run;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.concurrent.Tasks;
import dev.cloudwarden.engine.detect.EventDetector;
import dev.cloudwarden.engine.detect.RuleMatches;
import dev.cloudwarden.engine.event.Event;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The stateless detectors (rule matching, intel) on worker threads. Events are cut into batches in arrival order;
 * each batch is matched on one worker with that worker's own copies of the detectors ({@link EventDetector#fork()});
 * finished batches are settled (the stateful part of the run: correlations, baselines, grouping, incidents, sinks)
 * on one settling thread of their own, in the order they were cut, so the stateful part sees exactly the sequence a
 * single thread would give, and the run's alert and incident ids do not depend on the thread count. The caller's
 * thread only reads, parses and cuts batches: settling on it too made it the bottleneck of a scan. At most two
 * batches per worker are in flight, so memory stays bounded whatever the input's size; a failure of matching or
 * settling stops further settling and is thrown to the caller ({@link #accept} or {@link #drain}).
 */
final class ParallelMatching implements AutoCloseable {
    static final int BATCH = 512;

    /** Matched events, for the stateful stage, in order. */
    interface Settler {
        void settle(Event event, RuleMatches matches, List<Alert> alerts);
    }

    private final ExecutorService pool;
    private final ExecutorService settling;
    private final BlockingQueue<List<EventDetector>> detectorSets;
    private final ArrayDeque<Future<?>> inFlight = new ArrayDeque<>(); // batches not yet settled, oldest first
    private volatile boolean failed;
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
        this.pool = Executors.newFixedThreadPool(threads, r -> daemon(r, "cloudwarden-match"));
        this.settling = Executors.newSingleThreadExecutor(r -> daemon(r, "cloudwarden-settle"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
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
            Tasks.await(inFlight.removeFirst(), "matching");
        }
    }

    private void dispatch() {
        Batch b = current;
        current = new Batch();
        Future<Batch> matched = pool.submit(() -> {
            List<EventDetector> detectors = detectorSets.take();
            try {
                b.match(detectors);
            } finally {
                detectorSets.add(detectors);
            }
            return b;
        });
        // one settling thread takes batches in the order they were cut
        inFlight.add(settling.submit(() -> {
            if (failed) {
                return null; // an earlier batch failed: the caller is told of that one
            }
            try {
                Batch done = Tasks.await(matched, "matching");
                for (int i = 0; i < done.events.size(); i++) {
                    settler.settle(done.events.get(i), done.matches.get(i), done.alerts.get(i));
                }
            } catch (RuntimeException | Error e) {
                failed = true;
                throw e;
            }
            return null;
        }));
        while (inFlight.size() > maxInFlight) {
            Tasks.await(inFlight.removeFirst(), "matching");
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        settling.shutdownNow();
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
