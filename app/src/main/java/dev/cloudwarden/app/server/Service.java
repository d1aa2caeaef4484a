package dev.cloudwarden.app.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.app.store.ApiTokens;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.engine.run.DetectionRun;
import dev.cloudwarden.engine.run.RunConfig;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code cloudwarden serve} assembled: the store, one detection run fed from a bounded queue by the inputs (HTTP
 * bodies, watched files), and the API. Stopping it processes and writes what is queued before it closes the store.
 */
public final class Service implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Service.class);
    private static final int STORE_BUFFER = 10_000;

    private final ServeConfig config;
    private final PlatformStore store;
    private final EventQueue queue;
    private final DetectionRun run;
    private final DetectionLoop loop;
    private final Thread detection;
    private final ApiServer api;
    private final ServiceMetrics metrics;

    private Service(ServeConfig config, RunConfig runConfig, PlatformStore store) {
        this.config = config;
        this.store = store;
        this.queue = new EventQueue(config.server().queueEvents());
        ServiceMetrics[] m = new ServiceMetrics[1];
        StoreBuffer buffer = new StoreBuffer(store.alertSink(), store.incidentSink(), STORE_BUFFER,
                () -> m[0].sinkFailures.inc());
        this.run = new DetectionRun(runConfig, buffer.alerts(), buffer.incidents());
        this.metrics = new ServiceMetrics(queue::depth, () -> run.stats().alerts(), () -> run.stats().incidentsOpened());
        m[0] = metrics;
        this.loop = new DetectionLoop(queue, run, buffer::write, config.detection().idleAfter(), metrics);
        this.detection = new Thread(loop, "cloudwarden-detection");
        ObjectMapper json = ApiJson.mapper();
        this.api = new ApiServer(config.server().maxBodyBytes(), token -> store.authenticate(ApiTokens.hash(token))
                .map(t -> new Caller(t.name(), t.role())), new JavalinJackson(json, false));
        EventsEndpoint events = new EventsEndpoint(queue, metrics, config.server().maxBodyBytes());
        api.route(HandlerType.POST, "/api/v1/events", Role.ANALYST,
                "Send events: NDJSON, a JSON array or any log file's lines; gzip accepted; ?source= skips detection",
                events::handle);
        api.route(HandlerType.GET, "/api/v1/health", Role.VIEWER,
                "The service's state: ok or unhealthy (and why), queue depth, events, alerts", ctx -> {
            Map<String, Object> health = health();
            ctx.status("ok".equals(health.get("status")) ? 200 : 503).json(health);
        });
        api.route(HandlerType.GET, "/metrics", Role.VIEWER,
                "Counters and gauges in Prometheus' text format", ctx -> ctx.contentType(ServiceMetrics.contentType())
                .result(metrics.scrape()));
        new StoreApi(store, json).register(api);
        api.route(HandlerType.GET, "/api/v1/openapi.json", Role.VIEWER, "This document", ctx -> ctx.json(
                OpenApiDocument.of(api.routes(), Service.class.getPackage().getImplementationVersion() == null ? "dev"
                        : Service.class.getPackage().getImplementationVersion())));
    }

    /** Starts the detection thread and the API; {@code runConfig} is the detection run's (rules, intel, incidents). */
    public static Service start(ServeConfig config, RunConfig runConfig, PlatformStore store) {
        Service s = new Service(config, runConfig, store);
        s.detection.start();
        s.api.start(config.server().bind(), config.server().port());
        LOG.info("listening on http://{}:{} with the store {}", config.server().bind(), s.api.port(), store.display());
        return s;
    }

    /** The port the API listens on (the configured one, or the one chosen for port 0). */
    public int port() {
        return api.port();
    }

    /** The routes of the API with their least roles. */
    java.util.List<ApiServer.Route> routes() {
        return api.routes();
    }

    /** Events the detection run has taken since the service started. */
    public long processed() {
        return run.stats().events();
    }

    /** Whether everything received so far has been processed and written (tests and the demo wait for it). */
    public boolean caughtUp() {
        return loop.isIdle() && loop.problem() == null;
    }

    Map<String, Object> health() {
        Map<String, Object> h = new LinkedHashMap<>();
        String problem = loop.problem();
        h.put("status", problem == null ? "ok" : "unhealthy");
        if (problem != null) {
            h.put("problem", problem);
        }
        h.put("store", store.display());
        h.put("queue", Map.of("depth", queue.depth(), "capacity", queue.capacity()));
        h.put("events_processed", run.stats().events());
        h.put("late_events", run.stats().lateEvents());
        h.put("alerts", run.stats().alerts());
        h.put("incidents_opened", run.stats().incidentsOpened());
        return h;
    }

    @Override
    public void close() {
        api.stop();
        loop.stop();
        try {
            detection.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        run.close();
        store.close();
    }
}
