package dev.cloudwarden.app.store;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.incident.IncidentUpdate;
import dev.cloudwarden.engine.run.AlertSink;
import dev.cloudwarden.engine.run.IncidentSink;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The detection run's sinks into the store: they gather what the run emits and write it in batches, one
 * transaction each. Within a batch only an id's latest form is written (a grouped alert re-emitted, an incident
 * updated many times). A store failure reaches the run as an {@link IOException}, which stops it.
 */
final class StoreSinks {
    /** Rows per transaction: large enough to amortize a commit, small enough to bound memory. */
    static final int BATCH = 1000;

    private StoreSinks() {
    }

    /** The latest form of each id since the last write, written in one transaction when full or flushed. */
    private static final class Batch<T> {
        private final Connections connections;
        private final String what;
        private final Connections.Work<Void> write;
        private final Map<String, T> pending = new LinkedHashMap<>();
        private List<T> writing = List.of();

        Batch(Connections connections, String what, BatchWriter<T> writer) {
            this.connections = connections;
            this.what = what;
            this.write = c -> {
                writer.write(c, writing);
                return null;
            };
        }

        void add(String id, T item) throws IOException {
            pending.put(id, item);
            if (pending.size() >= BATCH) {
                flush();
            }
        }

        void flush() throws IOException {
            if (pending.isEmpty()) {
                return;
            }
            writing = List.copyOf(pending.values());
            try {
                connections.write("store " + writing.size() + " " + what, write);
            } catch (StoreException e) {
                throw new IOException(e.getMessage(), e);
            }
            pending.clear();
        }
    }

    @FunctionalInterface
    private interface BatchWriter<T> {
        void write(java.sql.Connection c, List<T> batch) throws java.sql.SQLException;
    }

    static final class Alerts implements AlertSink {
        private final Batch<Alert> batch;

        Alerts(Connections connections, Clock clock) {
            batch = new Batch<>(connections, "alerts", (c, alerts) -> AlertWrites.upsert(c, alerts, clock.instant()));
        }

        @Override
        public void accept(Alert alert) throws IOException {
            batch.add(alert.id(), alert);
        }

        @Override
        public void flush() throws IOException {
            batch.flush();
        }
    }

    static final class Incidents implements IncidentSink {
        private final Batch<IncidentUpdate> batch;

        Incidents(Connections connections, AuditLog audit, Clock clock) {
            batch = new Batch<>(connections, "incident updates", (c, updates) -> {
                // current incidents first, merges after: a merge carries triage to an incident that must be stored
                List<IncidentUpdate> merges = new ArrayList<>();
                for (IncidentUpdate u : updates) {
                    if (u.kind() == IncidentUpdate.Kind.MERGED) {
                        merges.add(u);
                    } else {
                        IncidentWrites.upsert(c, u, clock.instant());
                    }
                }
                for (IncidentUpdate u : merges) {
                    IncidentWrites.merge(c, u, audit);
                }
            });
        }

        @Override
        public void accept(IncidentUpdate update) throws IOException {
            batch.add(update.id(), update);
        }

        @Override
        public void flush() throws IOException {
            batch.flush();
        }
    }
}
