package dev.cloudwarden.app.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.app.store.ApiTokens;
import dev.cloudwarden.app.web.WebUi;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.engine.run.DetectionRun;
import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.app.hunt.ArchiveLayout;
import dev.cloudwarden.app.hunt.EventArchive;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.intel.Indicator;
import java.util.Map;

/**
 * {@code cloudwarden serve} assembled: the store, one detection run fed from a bounded queue by the inputs (HTTP
 * bodies, watched files), and the API. Stopping it processes and writes what is queued before it closes the store.
 */
public final class Service implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Service.class);
    private static final int STORE_BUFFER = 10_000;
    /** How long a token's role is remembered: a revoked token is refused within this time. */
    static final java.time.Duration TOKEN_CACHE = java.time.Duration.ofSeconds(10);

    private final ServeConfig config;
    private final PlatformStore store;
    private final EventQueue queue;
    private final DetectionRun run;
    private final DetectionLoop loop;
    private final Thread detection;
    private final ApiServer api;
    private final ServiceMetrics metrics;

    private final EventArchive archive;
    private final StoreBuffer buffer;
    private final ServiceInputs inputs;

    private Service(ServeConfig config, RunConfig runConfig, List<Indicator> intel, PlatformStore store)
            throws IOException {
        // first: a keystore that cannot be read stops the service before it opens anything
        TlsConnector tls = config.server().tls() == null ? null : TlsConnector.of(config.server().tls());
        this.config = config;
        this.store = store;
        this.queue = new EventQueue(config.server().queueEvents());
        ArchiveLayout layout = archiveLayout(config, store);
        this.archive = EventArchive.open(layout);
        archive.retain(config.hunting().retain());
        ServiceMetrics[] m = new ServiceMetrics[1];
        LiveFeed feed = new LiveFeed();
        StoreBuffer buffer = new StoreBuffer(store.alertSink(), store.incidentSink(), new StoreBuffer.Archive() {
            @Override
            public void add(List<Event> events) throws IOException {
                for (Event e : events) {
                    archive.add(e);
                }
            }

            @Override
            public void flush() throws IOException {
                archive.flush();
            }
        }, STORE_BUFFER, () -> m[0].sinkFailures.inc(), feed);
        // the service's own lateness and threads: a live source's bound is not a file run's
        this.run = new DetectionRun(runConfig.withAllowedLateness(config.detection().allowedLateness())
                .withThreads(config.detection().threads()), buffer.alerts(), buffer.incidents());
        this.metrics = new ServiceMetrics(queue::depth, () -> run.stats().alerts(), () -> run.stats().incidentsOpened());
        m[0] = metrics;
        this.buffer = buffer;
        this.loop = new DetectionLoop(queue, run, buffer, config.detection().idleAfter(), metrics);
        this.detection = new Thread(loop, "cloudwarden-detection");
        ObjectMapper json = ApiJson.mapper();
        CallerLookup callers = new CachedCallers(new ConfigTokens(config.tokens(),
                token -> store.authenticate(ApiTokens.hash(token)).map(t -> new Caller(t.name(), t.role()))), TOKEN_CACHE);
        this.api = new ApiServer(config.server().maxBodyBytes(), tls, callers, new Sessions(java.time.Clock.systemUTC()),
                new JavalinJackson(json, false));
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
        RuleSwitches switches = new RuleSwitches(runConfig, run, store);
        new RulesApi(switches, json).register(api);
        IntelCatalog intelCatalog = new IntelCatalog(intel, runConfig.intel());
        new IntelApi(intelCatalog, java.time.Clock.systemUTC()).register(api);
        api.route(HandlerType.GET, "/api/v1/stream", Role.VIEWER,
                "Server-sent events: alert and incident, a summary of each as it is written to the store",
                new io.javalin.http.sse.SseHandler(feed::join));
        Hunts hunts = new Hunts(store, layout, layout.root().resolveSibling(layout.root().getFileName() + ".snapshots"));
        new HuntApi(store, hunts, json).register(api);
        this.inputs = ServiceInputs.start(config.inputs(), new StoreOffsets(store), queue, metrics, run.readAhead());
        metrics.gauge("cloudwarden_input_lag", "How far each live input is behind (bytes of files, S3 objects)", "input",
                inputs::lag);
        WebUi.register(api, new WebUi.Parts(store, callers, switches,
                RuleTestResults.lazy(runConfig.rules(), config.rules().stream().map(java.nio.file.Path::of).toList()),
                hunts, intelCatalog, this::health),
                java.time.Clock.systemUTC());
        api.route(HandlerType.GET, "/api/v1/openapi.json", Role.VIEWER, "This document", ctx -> ctx.json(
                OpenApiDocument.of(api.routes(), Service.class.getPackage().getImplementationVersion() == null ? "dev"
                        : Service.class.getPackage().getImplementationVersion())));
    }

    /** Where events are kept for hunting: the configured folder, else beside a DuckDB store, else in ~/.cloudwarden. */
    private static ArchiveLayout archiveLayout(ServeConfig config, PlatformStore store) {
        if (config.hunting().events() != null) {
            return new ArchiveLayout(Path.of(config.hunting().events()));
        }
        return store.file().map(ArchiveLayout::besideStore)
                .orElseGet(() -> new ArchiveLayout(Path.of(System.getProperty("user.home"), ".cloudwarden", "events")));
    }

    /**
     * Starts the detection thread and the API; {@code runConfig} gives the rules, intel, incidents and suppressions
     * (the settings give the lateness bound and the threads), {@code intel} the indicators its intel index was built
     * from (the API counts and searches them).
     *
     * @throws IllegalArgumentException when the TLS keystore cannot be read (nothing has been opened then)
     */
    public static Service start(ServeConfig config, RunConfig runConfig, List<Indicator> intel, PlatformStore store)
            throws IOException {
        Service s = new Service(config, runConfig, intel, store);
        s.detection.start();
        s.api.start(config.server().bind(), config.server().port());
        LOG.info("listening on {}://{}:{} with the store {}", s.api.scheme(), config.server().bind(), s.api.port(),
                store.display());
        return s;
    }

    /** The port the API listens on (the configured one, or the one chosen for port 0). */
    public int port() {
        return api.port();
    }

    /** {@code https} with TLS configured, else {@code http}. */
    public String scheme() {
        return api.scheme();
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
        h.put("caught_up", caughtUp());
        h.put("queue", Map.of("depth", queue.depth(), "capacity", queue.capacity()));
        h.put("events_processed", run.stats().events());
        h.put("late_events", run.stats().lateEvents());
        h.put("matches", run.stats().matches());
        h.put("matches_of_disabled_rules", run.stats().disabledMatches());
        h.put("alerts", run.stats().alerts());
        h.put("incidents_opened", run.stats().incidentsOpened());
        h.put("inputs", inputs.health());
        return h;
    }

    @Override
    public void close() {
        api.stop();
        inputs.close();
        loop.stop();
        try {
            detection.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        run.close();
        buffer.close();
        try {
            archive.close();
        } catch (IOException e) {
            LOG.warn("events kept for hunting were not all written: {}", e.toString());
        }
        store.close();
    }
}
