package dev.cloudwarden.app.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.app.hunt.HuntException;
import dev.cloudwarden.app.hunt.HuntLimits;
import dev.cloudwarden.app.hunt.HuntResult;
import dev.cloudwarden.app.hunt.HuntResultWriter;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.app.store.SavedHunt;
import dev.cloudwarden.engine.event.Timespan;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * {@code GET /api/v1/hunt?q=SQL}: a read-only SQL query over the stored events and the alerts and incidents
 * ({@link Hunts}), with a row cap ({@code limit}, default 1000) and a timeout ({@code timeout}, default 30s); saved
 * hunts by name.
 */
final class HuntApi {
    private static final int MAX_ROWS = 10_000;
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    private final PlatformStore store;
    private final Hunts hunts;
    private final ObjectMapper json;

    HuntApi(PlatformStore store, Hunts hunts, ObjectMapper json) {
        this.store = store;
        this.hunts = hunts;
        this.json = json;
    }

    void register(ApiServer api) {
        api.route(HandlerType.GET, "/api/v1/hunt", Role.ANALYST,
                "Hunt: q is one read-only SELECT over events, alerts and incidents, or saved names a saved hunt; "
                        + "limit (rows) and timeout (30s)", this::hunt);
        api.route(HandlerType.GET, "/api/v1/hunts", Role.VIEWER, "The saved hunts",
                ctx -> ctx.json(Map.of("hunts", store.hunts())));
        api.route(HandlerType.GET, "/api/v1/hunts/{name}", Role.VIEWER, "One saved hunt",
                ctx -> ctx.json(store.hunt(ctx.pathParam("name")).orElseThrow(() -> new ApiException(
                        HttpStatus.NOT_FOUND, "no saved hunt named " + ctx.pathParam("name"), Map.of()))));
        api.route(HandlerType.PUT, "/api/v1/hunts/{name}", Role.ANALYST,
                "Save a hunt by name (replaces one of that name): {\"kind\": \"sql\" or \"sigma\", \"query\": "
                        + "the SELECT, or the Sigma rule's YAML}", this::save);
        api.route(HandlerType.DELETE, "/api/v1/hunts/{name}", Role.ANALYST, "Delete a saved hunt", ctx -> {
            store.deleteHunt(ApiServer.caller(ctx).name(), ctx.pathParam("name"));
            ctx.status(HttpStatus.NO_CONTENT);
        });
    }

    private void save(Context ctx) {
        JsonNode body = JsonBody.object(ctx, json);
        String kind = JsonBody.optionalText(body, "kind");
        SavedHunt.Kind k;
        try {
            k = kind == null ? SavedHunt.Kind.SQL : SavedHunt.Kind.of(kind);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("kind must be sql or sigma");
        }
        String query = JsonBody.text(body, "query");
        ctx.json(hunts.save(ApiServer.caller(ctx).name(), ctx.pathParam("name"), k, query));
    }

    private void hunt(Context ctx) throws IOException {
        String q = ctx.queryParam("q");
        String saved = ctx.queryParam("saved");
        if ((q == null || q.isBlank()) == (saved == null || saved.isBlank())) {
            throw ApiException.badRequest("give q, the query (one SELECT), or saved, the name of a saved hunt");
        }
        SavedHunt hunt = saved == null ? null : store.hunt(saved).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "no saved hunt named " + saved, Map.of()));
        int limit = QueryParams.limit(ctx, HuntLimits.DEFAULT.maxRows(), MAX_ROWS);
        Duration timeout = HuntLimits.DEFAULT.timeout();
        String t = ctx.queryParam("timeout");
        if (t != null) {
            timeout = Timespan.parse(t).filter(d -> d.compareTo(MAX_TIMEOUT) <= 0).orElseThrow(() -> ApiException
                    .badRequest("timeout must be a time such as 10s or 2m, at most 5m"));
        }
        HuntResult result;
        try {
            HuntLimits limits = new HuntLimits(limit, timeout);
            result = hunt != null ? hunts.saved(hunt, limits) : hunts.sql(q, limits);
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
}
