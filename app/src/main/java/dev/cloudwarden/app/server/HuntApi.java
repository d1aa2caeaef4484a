package dev.cloudwarden.app.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.app.hunt.ArchiveLayout;
import dev.cloudwarden.app.hunt.HuntException;
import dev.cloudwarden.app.hunt.HuntLimits;
import dev.cloudwarden.app.hunt.HuntResult;
import dev.cloudwarden.app.hunt.HuntResultWriter;
import dev.cloudwarden.app.hunt.HuntService;
import dev.cloudwarden.app.hunt.HuntSources;
import dev.cloudwarden.app.hunt.StoreSnapshot;
import dev.cloudwarden.app.hunt.StoreTables;
import dev.cloudwarden.app.store.Dialect;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.engine.event.Timespan;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code GET /api/v1/hunt?q=SQL}: a read-only SQL query over the stored events and the alerts and incidents, with a
 * row cap ({@code limit}, default 1000) and a timeout ({@code timeout}, default 30s). With a DuckDB store the alerts
 * and incidents are a snapshot taken when the hunt starts (the store's file is held by the service); with PostgreSQL
 * they are not reachable from the hunt's DuckDB and the query says so.
 */
final class HuntApi {
    private static final int MAX_ROWS = 10_000;
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    private final PlatformStore store;
    private final ArchiveLayout events;
    private final Path snapshots;
    private final ObjectMapper json;

    HuntApi(PlatformStore store, ArchiveLayout events, Path snapshots, ObjectMapper json) {
        this.store = store;
        this.events = events;
        this.snapshots = snapshots;
        this.json = json;
    }

    void register(ApiServer api) {
        api.route(HandlerType.GET, "/api/v1/hunt", Role.ANALYST,
                "Hunt: q is one read-only SELECT over events, alerts and incidents; limit (rows) and timeout (30s)",
                this::hunt);
    }

    private void hunt(Context ctx) throws IOException {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            throw ApiException.badRequest("q must hold the query, one SELECT");
        }
        int limit = QueryParams.limit(ctx, HuntLimits.DEFAULT.maxRows(), MAX_ROWS);
        Duration timeout = HuntLimits.DEFAULT.timeout();
        String t = ctx.queryParam("timeout");
        if (t != null) {
            timeout = Timespan.parse(t).filter(d -> d.compareTo(MAX_TIMEOUT) <= 0).orElseThrow(() -> ApiException
                    .badRequest("timeout must be a time such as 10s or 2m, at most 5m"));
        }
        HuntResult result;
        try (HuntService hunts = new HuntService(new HuntSources(events, tables()))) {
            result = hunts.run(q, new HuntLimits(limit, timeout));
        } catch (HuntException e) {
            HttpStatus status = switch (e.kind()) {
                case TIMEOUT -> HttpStatus.REQUEST_TIMEOUT;
                case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
                default -> HttpStatus.BAD_REQUEST;
            };
            throw new ApiException(status, e.getMessage(), Map.of());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            HuntResultWriter.write(result, g);
        }
        ctx.contentType("application/json").result(out.toByteArray());
    }

    /** One export at a time (they share the folder); a hunt already running keeps reading the file it opened. */
    private synchronized StoreTables tables() throws IOException {
        if (store.dialect() == Dialect.POSTGRESQL) {
            return new StoreTables.Unavailable("alerts and incidents of a PostgreSQL store are not reachable from a "
                    + "hunt; list them with /api/v1/alerts and /api/v1/incidents", StoreTables.DEFAULT_TABLES);
        }
        return store.withConnection("snapshot the alerts and incidents for a hunt",
                c -> StoreSnapshot.export(c, StoreTables.DEFAULT_TABLES, snapshots));
    }
}
