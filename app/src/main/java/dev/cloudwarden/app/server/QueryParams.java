package dev.cloudwarden.app.server;

import dev.cloudwarden.app.store.AlertQuery;
import dev.cloudwarden.app.store.FindingQuery;
import dev.cloudwarden.app.store.IncidentQuery;
import dev.cloudwarden.app.store.IncidentSort;
import dev.cloudwarden.app.store.Page;
import dev.cloudwarden.app.store.TriageStatus;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.function.Supplier;

/** The list endpoints' query parameters, read strictly: a value that does not parse is a 400 naming the parameter. */
public final class QueryParams {
    private QueryParams() {
    }

    public static Instant time(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be an ISO-8601 time such as 2026-12-01T00:00:00Z");
        }
    }

    public static Boolean bool(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest(name + " must be true or false");
        };
    }

    public static Level level(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null ? null : Level.parse(v).orElseThrow(() -> ApiException.badRequest(
                name + " must be informational, low, medium, high or critical"));
    }

    public static TriageStatus status(Context ctx) {
        String v = ctx.queryParam("status");
        return v == null ? null : TriageStatus.parse(v).orElseThrow(() -> ApiException.badRequest(
                "status must be one of " + Arrays.stream(TriageStatus.values()).map(TriageStatus::id).toList()));
    }

    /** {@code entity=TYPE:VALUE}, e.g. {@code principal:alice} or {@code ip:198.51.100.7}. */
    public static Entity entity(Context ctx) {
        String v = ctx.queryParam("entity");
        if (v == null) {
            return null;
        }
        int colon = v.indexOf(':');
        EntityType type = colon < 0 ? null : Arrays.stream(EntityType.values())
                .filter(t -> t.id().equals(v.substring(0, colon))).findFirst().orElse(null);
        if (type == null || colon == v.length() - 1) {
            throw ApiException.badRequest("entity must be TYPE:VALUE with TYPE one of "
                    + Arrays.stream(EntityType.values()).map(EntityType::id).toList());
        }
        return Entity.of(type, v.substring(colon + 1));
    }

    public static int limit(Context ctx, int defaultLimit, int max) {
        String v = ctx.queryParam("limit");
        if (v == null) {
            return defaultLimit;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the error
        }
        throw ApiException.badRequest("limit must be 1 to " + max);
    }

    /** The alert list's filters: from, to, level, rule, entity, status, technique, limit, cursor. */
    public static AlertQuery alertQuery(Context ctx) {
        AlertQuery q = AlertQuery.all().withTime(time(ctx, "from"), time(ctx, "to"))
                .withMinLevel(level(ctx, "level")).withRule(ctx.queryParam("rule"))
                .withEntity(entity(ctx)).withStatus(status(ctx))
                .withTechnique(ctx.queryParam("technique"))
                .withLimit(limit(ctx, AlertQuery.DEFAULT_LIMIT, AlertQuery.MAX_LIMIT));
        return ctx.queryParam("cursor") == null ? q : q.after(ctx.queryParam("cursor"));
    }

    /** A page of a list: a cursor the store refuses (malformed, or of another order) is the caller's 400. */
    public static <T> Page<T> page(Supplier<Page<T>> list) {
        try {
            return list.get();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** {@code sort=first|last|score|severity}; first (newest first) when absent. */
    public static IncidentSort incidentSort(Context ctx) {
        String v = ctx.queryParam("sort");
        try {
            return v == null ? IncidentSort.FIRST : IncidentSort.of(v);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /**
     * The incident list's filters: from, to, severity, entity, status, technique, alert (holding it); its sort,
     * limit and cursor.
     */
    public static IncidentQuery incidentQuery(Context ctx) {
        IncidentQuery q = IncidentQuery.all().withTime(time(ctx, "from"), time(ctx, "to"))
                .withMinSeverity(level(ctx, "severity")).withEntity(entity(ctx))
                .withStatus(status(ctx)).withTechnique(ctx.queryParam("technique")).withAlert(ctx.queryParam("alert"))
                .withLimit(limit(ctx, AlertQuery.DEFAULT_LIMIT, AlertQuery.MAX_LIMIT)).sortedBy(incidentSort(ctx));
        return ctx.queryParam("cursor") == null ? q : q.after(ctx.queryParam("cursor"));
    }

    /** The posture finding list's filters: status, severity (minimum), layer, check, entity, limit and cursor. */
    public static FindingQuery findingQuery(Context ctx) {
        try {
            return new FindingQuery(ctx.queryParam("status"), level(ctx, "severity"),
                    ctx.queryParam("layer"), ctx.queryParam("check"), entity(ctx),
                    limit(ctx, FindingQuery.DEFAULT_LIMIT,
                            FindingQuery.MAX_LIMIT), ctx.queryParam("cursor"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
