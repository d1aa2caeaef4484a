package dev.cloudwarden.app.server;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.run.DetectionRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The service's one detection thread: takes batches from the queue in order, feeds the run, and checkpoints. A
 * checkpoint settles the run, writes what its sinks hold to the store, and only then tells the inputs their events are
 * safe ({@link EventQueue.Batch#taken}), so a file input commits its position after, never before, the store has what
 * came of it. While the queue stays empty (checked every {@code idleAfter}), event time moves on with the clock and
 * waiting alerts are released ({@link DetectionRun#idle}).
 * A store that fails is retried at the next checkpoint, the service reports itself unhealthy meanwhile, and the
 * inputs' positions do not move, so nothing is lost.
 */
final class DetectionLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(DetectionLoop.class);
    private static final Duration CHECKPOINT_EVERY = Duration.ofSeconds(2);
    private static final Duration QUIET_CHECKPOINT = Duration.ofMillis(250);
    /**
     * Events kept for hunting are written in large batches (a Parquet file per write); inputs' positions move only
     * with them, so under load a restart reads up to this much again (the store absorbs the repeats).
     */
    private static final Duration ARCHIVE_EVERY = Duration.ofSeconds(30);

    private final EventQueue queue;
    private final DetectionRun run;
    private final StoreBuffer store;
    /** Checkpoints whose write failed: their inputs wait for the next write that succeeds. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> returned = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private java.util.concurrent.CompletableFuture<Void> lastWrite = java.util.concurrent.CompletableFuture.completedFuture(null);
    private final Duration idleAfter;
    private final ServiceMetrics metrics;
    private final List<Runnable> waiting = new ArrayList<>();
    private volatile boolean stopping;
    private volatile String unhealthy;
    private volatile boolean idle = true;
    private long lastCheckpoint = System.nanoTime();
    private long lastArchived = System.nanoTime();
    private long lastInput = System.nanoTime();
    private boolean settled = true;

    DetectionLoop(EventQueue queue, DetectionRun run, StoreBuffer store, Duration idleAfter, ServiceMetrics metrics) {
        this.queue = queue;
        this.run = run;
        this.store = store;
        this.idleAfter = idleAfter;
        this.metrics = metrics;
    }

    @Override
    public void run() {
        try {
            while (!stopping || queue.depth() > 0) {
                EventQueue.Batch batch = queue.poll(stopping ? Duration.ZERO : idleAfter);
                if (batch != null) {
                    if (!batch.events().isEmpty()) { // a checkpoint alone is no input: it does not restart the quiet
                        idle = false;
                        settled = false;
                        lastInput = System.nanoTime();
                    }
                    for (Event e : batch.events()) {
                        run.accept(e);
                    }
                    store.archive(batch.events());
                    metrics.eventsProcessed.inc(batch.events().size());
                    waiting.add(batch.taken());
                    long since = System.nanoTime() - lastCheckpoint;
                    // at once when the queue runs dry (an alert should not wait), but not more often than every
                    // QUIET_CHECKPOINT: each is a store transaction
                    if (since >= CHECKPOINT_EVERY.toNanos() || queue.depth() == 0 && since >= QUIET_CHECKPOINT.toNanos()) {
                        checkpoint(false);
                    }
                } else if (!stopping) {
                    if (!settled || unhealthy != null || !waiting.isEmpty() || !returned.isEmpty() || !store.drained()) {
                        checkpoint(true);
                    }
                    idle = settled && unhealthy == null; // only once what came before the quiet is decided and written
                }
            }
            checkpoint(false);
            lastWrite.handle((done, failed) -> null).join(); // what was queued is written (or said not to be) before stopping
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            unhealthy = "detection stopped: " + e;
            LOG.error("the detection run stopped", e);
            throw e;
        }
    }

    private void checkpoint(boolean quiet) {
        if (quiet) {
            settled = run.idle(Duration.ofNanos(System.nanoTime() - lastInput));
        } else {
            run.flush();
        }
        lastCheckpoint = System.nanoTime();
        boolean archiving = quiet || stopping || System.nanoTime() - lastArchived >= ARCHIVE_EVERY.toNanos();
        List<Runnable> covered = List.of();
        if (archiving) {
            lastArchived = System.nanoTime();
            for (Runnable r; (r = returned.poll()) != null; ) {
                waiting.add(r);
            }
            covered = List.copyOf(waiting);
            waiting.clear();
        }
        List<Runnable> inputs = covered;
        // the write runs on the store's writer thread; the inputs' positions move once it (and the archive) is durable
        lastWrite = store.write(archiving).whenComplete((done, failed) -> {
            if (failed == null) {
                if (unhealthy != null) {
                    LOG.info("the store takes writes again");
                }
                unhealthy = null;
                inputs.forEach(Runnable::run);
                return;
            }
            metrics.sinkFailures.inc();
            if (unhealthy == null) {
                LOG.warn("cannot write to the store, retrying: {}", failed.toString());
            }
            unhealthy = "store: " + (failed.getCause() != null ? failed.getCause().getMessage() : failed.getMessage());
            returned.addAll(inputs);
        });
    }

    /** Stops after the queued events are processed and written. */
    void stop() {
        stopping = true;
    }

    /** Why the service is unhealthy, or null. */
    String problem() {
        return unhealthy;
    }

    /** Whether the queue has been empty for the idle time (everything received has been processed). */
    boolean isIdle() {
        return idle && queue.depth() == 0 && store.drained() && returned.isEmpty();
    }
}
