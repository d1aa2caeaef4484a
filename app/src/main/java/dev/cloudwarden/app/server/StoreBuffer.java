package dev.cloudwarden.app.server;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.incident.IncidentUpdate;
import dev.cloudwarden.engine.run.AlertSink;
import dev.cloudwarden.engine.run.IncidentSink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Between the detection run and the store: alerts and incident updates are held here until a checkpoint writes them.
 * A write that fails keeps them all, to be written again at the next checkpoint (the store upserts on deterministic
 * ids, so writing twice is harmless). The buffer is bounded: when it is full and the store still refuses, the
 * detection thread waits, the queue fills and HTTP clients get 429, so a store outage slows ingestion down instead of
 * losing what was detected.
 */
final class StoreBuffer {
    private static final long RETRY_MILLIS = 1000;

    private final AlertSink alertStore;
    private final IncidentSink incidentStore;
    private final int capacity;
    /** By id: a group that opens and closes between two checkpoints is written once, in its latest form. */
    private final java.util.LinkedHashMap<String, Alert> alerts = new java.util.LinkedHashMap<>();
    private final List<IncidentUpdate> updates = new ArrayList<>();
    private final Runnable onRetry;

    private final LiveFeed feed;

    StoreBuffer(AlertSink alertStore, IncidentSink incidentStore, int capacity, Runnable onRetry, LiveFeed feed) {
        this.feed = feed;
        this.alertStore = alertStore;
        this.incidentStore = incidentStore;
        this.capacity = capacity;
        this.onRetry = onRetry;
    }

    /** The run's alert sink: an open group is stored at once (count 1) and updated when it closes. */
    AlertSink alerts() {
        return new AlertSink() {
            @Override
            public void accept(Alert alert) {
                holdAlert(alert);
            }

            @Override
            public void opened(Alert alert) {
                holdAlert(alert);
            }
        };
    }

    IncidentSink incidents() {
        return update -> {
            synchronized (this) {
                updates.add(update);
                makeRoom();
            }
        };
    }

    private synchronized void holdAlert(Alert alert) {
        alerts.put(alert.id(), alert);
        makeRoom();
    }

    private synchronized void makeRoom() {
        while (alerts.size() + updates.size() >= capacity) {
            try {
                write();
            } catch (IOException | RuntimeException e) {
                onRetry.run();
                try {
                    wait(RETRY_MILLIS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the store refused writes", ie);
                }
            }
        }
    }

    /** Writes everything held; on failure keeps it and throws. */
    synchronized void write() throws IOException {
        for (Alert a : alerts.values()) {
            alertStore.accept(a);
        }
        alertStore.flush();
        for (IncidentUpdate u : updates) {
            incidentStore.accept(u);
        }
        incidentStore.flush();
        feed.written(List.copyOf(alerts.values()), List.copyOf(updates));
        alerts.clear();
        updates.clear();
    }

    synchronized int held() {
        return alerts.size() + updates.size();
    }
}
