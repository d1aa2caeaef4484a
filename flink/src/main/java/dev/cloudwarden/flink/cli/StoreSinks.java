package dev.cloudwarden.flink.cli;

import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.incident.IncidentUpdate;
import dev.cloudwarden.engine.run.AlertSink;
import dev.cloudwarden.engine.run.IncidentSink;

import java.io.IOException;

/** The store's own sinks, each with the store it opened, closed with it when the job's writer closes. */
final class StoreSinks {
    private StoreSinks() {
    }

    static AlertSink alerts(String location) {
        PlatformStore store = PlatformStore.open(location);
        AlertSink sink = store.alertSink();
        return new Alerts(store, sink);
    }

    static IncidentSink incidents(String location) {
        PlatformStore store = PlatformStore.open(location);
        return new Incidents(store, store.incidentSink());
    }

    private record Alerts(PlatformStore store, AlertSink sink) implements AlertSink, AutoCloseable {
        @Override
        public void accept(Alert alert) throws IOException {
            sink.accept(alert);
        }

        @Override
        public void opened(Alert alert) throws IOException {
            sink.opened(alert);
        }

        @Override
        public void flush() throws IOException {
            sink.flush();
        }

        @Override
        public void close() {
            store.close();
        }
    }

    private record Incidents(PlatformStore store, IncidentSink sink) implements IncidentSink, AutoCloseable {
        @Override
        public void accept(IncidentUpdate update) throws IOException {
            sink.accept(update);
        }

        @Override
        public void flush() throws IOException {
            sink.flush();
        }

        @Override
        public boolean wantsLiveUpdates() {
            return true;
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
