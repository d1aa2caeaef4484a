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

    /** What a later step of the same write must also make durable (the event archive), or nothing. */
    @FunctionalInterface
    interface Also {
        void write() throws IOException;
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
    private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

    StoreBuffer(AlertSink alertStore, IncidentSink incidentStore, int capacity, Runnable onRetry, LiveFeed feed) {
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
                write(null).join();
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
     * Starts a write of everything held now (after the writes before it), then {@code also}; the future completes when
     * both are durable, or exceptionally when either failed (what it took is held again).
     */
    synchronized CompletableFuture<Void> write(Also also) {
        LinkedHashMap<String, Alert> takenAlerts = alerts;
        List<IncidentUpdate> takenUpdates = updates;
        alerts = new LinkedHashMap<>();
        updates = new ArrayList<>();
        last = last.handle((ignored, earlier) -> null).thenRunAsync(() -> {
            try {
                for (Alert a : takenAlerts.values()) {
                    alertStore.accept(a);
                }
                alertStore.flush();
                for (IncidentUpdate u : takenUpdates) {
                    incidentStore.accept(u);
                }
                incidentStore.flush();
                if (also != null) {
                    also.write();
                }
            } catch (IOException | RuntimeException e) {
                restore(takenAlerts, takenUpdates);
                throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
            }
            feed.written(List.copyOf(takenAlerts.values()), List.copyOf(takenUpdates));
        }, writer);
        return last;
    }

    /** A failed write's alerts and updates go back in front of those held since (theirs are the older versions). */
    private synchronized void restore(LinkedHashMap<String, Alert> failedAlerts, List<IncidentUpdate> failedUpdates) {
        LinkedHashMap<String, Alert> merged = new LinkedHashMap<>(failedAlerts);
        merged.putAll(alerts);
        alerts = merged;
        List<IncidentUpdate> ordered = new ArrayList<>(failedUpdates);
        ordered.addAll(updates);
        updates = ordered;
    }

    /** Whether nothing is held and no write is running. */
    synchronized boolean drained() {
        return held() == 0 && last.isDone();
    }

    private int held() {
        return alerts.size() + updates.size();
    }

    @Override
    public void close() {
        writer.shutdown();
    }
}
