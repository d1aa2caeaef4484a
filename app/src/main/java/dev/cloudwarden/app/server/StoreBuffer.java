package dev.cloudwarden.app.server;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.incident.IncidentUpdate;
import dev.cloudwarden.engine.run.AlertSink;
import dev.cloudwarden.engine.run.IncidentSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Between the detection run and the store: alerts and incident updates are held here, and each checkpoint hands what
 * is held to a writer thread of its own, so detection goes on while the store writes (the store's upserts, not the
 * rules, were the service's limit). Writes run one at a time, in order, each taking everything held when it starts;
 * an alert held twice between two writes is written once, in its latest form.
 *
 * <p>A write that fails puts what it took back in front of what came since, to be written by the next one (the
 * store upserts on deterministic ids, so writing twice is harmless). The buffer is bounded: when it is full, the
 * detection thread waits for the writer (retrying while the store refuses), the queue fills and HTTP clients get 429,
 * so a store outage slows ingestion down instead of losing what was detected.
 */
final class StoreBuffer implements AutoCloseable {
    private static final long RETRY_MILLIS = 1000;

    /** Where the events themselves go (the hunting archive): added as a write takes them, flushed when asked. */
    interface Archive {
        void add(List<dev.cloudwarden.engine.event.Event> events) throws IOException;

        void flush() throws IOException;
    }

    private final AlertSink alertStore;
    private final IncidentSink incidentStore;
    private final int capacity;
    private final Runnable onRetry;
    private final LiveFeed feed;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cloudwarden-store-writer");
        t.setDaemon(true);
        return t;
    });
    /** By id: a group that opens and closes between two writes is written once, in its latest form. */
    private LinkedHashMap<String, Alert> alerts = new LinkedHashMap<>();
    private List<IncidentUpdate> updates = new ArrayList<>();
    private List<dev.cloudwarden.engine.event.Event> events = new ArrayList<>();
    private final Archive archive;
    /** The write running (or done); at most one more waits behind it, taking all that is held when it starts. */
    private CompletableFuture<Void> running = CompletableFuture.completedFuture(null);
    private CompletableFuture<Void> next;
    private boolean nextFlushes;
    /** Events held for the archive at most, before the detection thread waits for the writer. */
    private static final int EVENT_CAPACITY = 200_000;

    StoreBuffer(AlertSink alertStore, IncidentSink incidentStore, Archive archive, int capacity, Runnable onRetry,
                LiveFeed feed) {
        this.archive = archive;
        this.alertStore = alertStore;
        this.incidentStore = incidentStore;
        this.capacity = capacity;
        this.onRetry = onRetry;
        this.feed = feed;
    }

    /** The run's alert sink: an open group is stored at once (count 1) and updated when it closes. */
    AlertSink alerts() {
        return new AlertSink() {
            @Override
            public void accept(Alert alert) {
                hold(alert, null);
            }

            @Override
            public void opened(Alert alert) {
                hold(alert, null);
            }
        };
    }

    IncidentSink incidents() {
        return update -> hold(null, update);
    }

    /** Events the run has taken, kept for hunting by the writer (the detection thread does not wait for the archive). */
    void archive(List<dev.cloudwarden.engine.event.Event> taken) {
        synchronized (this) {
            events.addAll(taken);
            if (events.size() < EVENT_CAPACITY) {
                return;
            }
        }
        makeRoom();
    }

    private void hold(Alert alert, IncidentUpdate update) {
        synchronized (this) {
            if (alert != null) {
                alerts.put(alert.id(), alert);
            } else {
                updates.add(update);
            }
            if (held() < capacity) {
                return;
            }
        }
        makeRoom();
    }

    /** Full: wait for the writer to take what is held, again and again while the store refuses. */
    private void makeRoom() {
        while (true) {
            try {
                write(false).join();
                return;
            } catch (RuntimeException refused) {
                onRetry.run();
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the store refused writes", e);
                }
            }
        }
    }

    /**
     * Starts a write of everything held now (after the writes before it), the events into the archive too, and with
     * {@code flushArchive} the archive's own buffer to disk; the future completes when all of it is durable, or
     * exceptionally when a part failed (what the write took is held again).
     */
    synchronized CompletableFuture<Void> write(boolean flushArchive) {
        if (running.isDone()) {
            return start(flushArchive);
        }
        // a write is running: one more follows it and takes everything held by then, so writes never pile up
        // while the store is slower than detection (what is held is bounded instead, and detection waits)
        nextFlushes |= flushArchive;
        if (next == null) {
            next = running.handle((ignored, failed) -> null).thenCompose(ignored -> {
                synchronized (this) {
                    next = null;
                    boolean flush = nextFlushes;
                    nextFlushes = false;
                    return start(flush);
                }
            });
        }
        return next;
    }

    private CompletableFuture<Void> start(boolean flushArchive) {
        LinkedHashMap<String, Alert> takenAlerts = alerts;
        List<IncidentUpdate> takenUpdates = updates;
        List<dev.cloudwarden.engine.event.Event> takenEvents = events;
        alerts = new LinkedHashMap<>();
        updates = new ArrayList<>();
        events = new ArrayList<>();
        running = CompletableFuture.runAsync(() -> {
            try {
                for (Alert a : takenAlerts.values()) {
                    alertStore.accept(a);
                }
                alertStore.flush();
                for (IncidentUpdate u : takenUpdates) {
                    incidentStore.accept(u);
                }
                incidentStore.flush();
                archive.add(takenEvents); // the archive keeps one row per event id, so adding again after a failure is harmless
                if (flushArchive) {
                    archive.flush();
                }
            } catch (IOException | RuntimeException e) {
                restore(takenAlerts, takenUpdates, takenEvents);
                throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
            }
            feed.written(List.copyOf(takenAlerts.values()), List.copyOf(takenUpdates));
        }, writer);
        return running;
    }

    /** A failed write's alerts and updates go back in front of those held since (theirs are the older versions). */
    private synchronized void restore(LinkedHashMap<String, Alert> failedAlerts, List<IncidentUpdate> failedUpdates,
                                      List<dev.cloudwarden.engine.event.Event> failedEvents) {
        List<dev.cloudwarden.engine.event.Event> before = new ArrayList<>(failedEvents);
        before.addAll(events);
        events = before;
        LinkedHashMap<String, Alert> merged = new LinkedHashMap<>(failedAlerts);
        merged.putAll(alerts);
        alerts = merged;
        List<IncidentUpdate> ordered = new ArrayList<>(failedUpdates);
        ordered.addAll(updates);
        updates = ordered;
    }

    /** Whether nothing is held and no write is running. */
    synchronized boolean drained() {
        return held() == 0 && events.isEmpty() && running.isDone() && next == null;
    }

    private int held() {
        return alerts.size() + updates.size();
    }

    @Override
    public void close() {
        writer.shutdown();
    }
}
