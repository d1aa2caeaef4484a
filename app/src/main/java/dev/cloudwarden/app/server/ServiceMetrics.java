package dev.cloudwarden.app.server;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.LongSupplier;

/** The service's counters and gauges, scraped at {@code /metrics} in Prometheus' text format. */
final class ServiceMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    final Counter eventsReceived = Counter.builder().name("cloudwarden_events_received_total")
            .help("Events read from an input and queued for detection").labelNames("input").register(registry);
    final Counter rejected = Counter.builder().name("cloudwarden_records_rejected_total")
            .help("Records that could not become events (bad JSON, over the limits)").labelNames("input").register(registry);
    final Counter eventsProcessed = Counter.builder().name("cloudwarden_events_processed_total")
            .help("Events the detection run has taken").register(registry);
    final Counter refused = Counter.builder().name("cloudwarden_requests_refused_total")
            .help("Requests refused with 429 because the queue was full").register(registry);
    final Counter sinkFailures = Counter.builder().name("cloudwarden_store_write_failures_total")
            .help("Failed attempts to write alerts or incidents to the store (retried)").register(registry);

    ServiceMetrics(LongSupplier queueDepth, LongSupplier alerts, LongSupplier incidents) {
        gauge("cloudwarden_queue_depth", "Events waiting for the detection run", queueDepth);
        gauge("cloudwarden_alerts", "Alerts the run has raised since the service started", alerts);
        gauge("cloudwarden_incidents_opened", "Incidents the run has opened since the service started", incidents);
    }

    /** A gauge read when scraped. */
    void gauge(String name, String help, LongSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsLong())).register(registry);
    }

    /** A labelled gauge read when scraped, e.g. the lag of each input. */
    void gauge(String name, String help, String label, java.util.function.Supplier<java.util.Map<String, Long>> values) {
        GaugeWithCallback.builder().name(name).help(help).labelNames(label)
                .callback(cb -> values.get().forEach((k, v) -> cb.call(v, k))).register(registry);
    }

    byte[] scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toByteArray();
    }

    static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }
}
