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

    static final class Alerts implements AlertSink {
        private final Connections connections;
        private final Clock clock;
        private final Map<String, Alert> pending = new LinkedHashMap<>();

        Alerts(Connections connections, Clock clock) {
            this.connections = connections;
            this.clock = clock;
        }

        @Override
        public void accept(Alert alert) throws IOException {
            pending.put(alert.id(), alert);
            if (pending.size() >= BATCH) {
                flush();
            }
        }

        @Override
        public void flush() throws IOException {
            if (pending.isEmpty()) {
                return;
            }
            List<Alert> batch = List.copyOf(pending.values());
            try {
                connections.write("store " + batch.size() + " alerts", c -> {
                    AlertWrites.upsert(c, batch, clock.instant());
                    return null;
                });
            } catch (StoreException e) {
                throw new IOException(e.getMessage(), e);
            }
            pending.clear();
        }
    }

    static final class Incidents implements IncidentSink {
        private final Connections connections;
        private final AuditLog audit;
        private final Clock clock;
        private final Map<String, IncidentUpdate> pending = new LinkedHashMap<>();

        Incidents(Connections connections, AuditLog audit, Clock clock) {
            this.connections = connections;
            this.audit = audit;
            this.clock = clock;
        }

        @Override
        public void accept(IncidentUpdate update) throws IOException {
            pending.put(update.id(), update);
            if (pending.size() >= BATCH) {
                flush();
            }
        }

        @Override
        public void flush() throws IOException {
            if (pending.isEmpty()) {
                return;
            }
            // current incidents first, merges after: a merge carries triage to an incident that must be stored
            List<IncidentUpdate> current = new ArrayList<>();
            List<IncidentUpdate> merges = new ArrayList<>();
            for (IncidentUpdate u : pending.values()) {
                (u.kind() == IncidentUpdate.Kind.MERGED ? merges : current).add(u);
            }
            try {
                connections.write("store " + pending.size() + " incident updates", c -> {
                    for (IncidentUpdate u : current) {
                        IncidentWrites.upsert(c, u, clock.instant());
                    }
                    for (IncidentUpdate u : merges) {
                        IncidentWrites.merge(c, u, audit);
                    }
                    return null;
                });
            } catch (StoreException e) {
                throw new IOException(e.getMessage(), e);
            }
            pending.clear();
        }
    }
}
