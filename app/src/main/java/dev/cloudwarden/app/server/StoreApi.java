package dev.cloudwarden.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.app.store.AlertQuery;
import dev.cloudwarden.app.store.IncidentQuery;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.app.store.TargetKind;
import dev.cloudwarden.app.store.TriagePatch;
import dev.cloudwarden.app.store.TriageStatus;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The store's alerts and incidents over HTTP: lists with filters, facet counts and cursor pages; one alert or
 * incident (with its alerts, entities and timeline); triage of one or many; comments; the ATT&CK matrix; the audit
 * log. Every change goes through the store, which writes its audit row (who, when, before and after) in the same
 * transaction.
 */
final class StoreApi {
    private final PlatformStore store;
    private final ObjectMapper json;

    StoreApi(PlatformStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    void register(ApiServer api) {
        api.route(HandlerType.GET, "/api/v1/alerts", Role.VIEWER,
                "Alerts, newest first: filters from, to, level, rule, entity (TYPE:VALUE), status, technique; limit and cursor; facets=true adds counts",
                this::alerts);
        api.route(HandlerType.GET, "/api/v1/alerts/{id}", Role.VIEWER,
                "One alert with the engine's JSON (events and their original records) and its triage",
                ctx -> ctx.json(store.alert(ctx.pathParam("id"))
                .orElseThrow(() -> notFound("alert", ctx.pathParam("id")))));
        api.route(HandlerType.PATCH, "/api/v1/alerts", Role.ANALYST,
                "Triage many alerts: {ids, status, assignee, tags}",
                ctx -> triageMany(ctx, TargetKind.ALERT));
        api.route(HandlerType.PATCH, "/api/v1/alerts/{id}", Role.ANALYST,
                "Triage one alert: {status, assignee, tags}",
                ctx -> triageOne(ctx, TargetKind.ALERT));
        api.route(HandlerType.GET, "/api/v1/incidents", Role.VIEWER,
                "Incidents (without the engine's JSON, which one incident has), newest first or sort=last|score|severity: filters from, to, severity, entity, status, technique; limit and cursor; facets=true",
                this::incidents);
        api.route(HandlerType.GET, "/api/v1/incidents/{id}", Role.VIEWER,
                "One incident with its alerts in kill-chain order, entities, timeline and the posture findings still failing on its entities",
                ctx -> ctx.json(store.incident(ctx.pathParam("id"))
                .orElseThrow(() -> notFound("incident", ctx.pathParam("id")))));
        api.route(HandlerType.PATCH, "/api/v1/incidents", Role.ANALYST,
                "Triage many incidents: {ids, status, assignee, tags}",
                ctx -> triageMany(ctx, TargetKind.INCIDENT));
        api.route(HandlerType.PATCH, "/api/v1/incidents/{id}", Role.ANALYST,
                "Triage one incident: {status, assignee, tags}",
                ctx -> triageOne(ctx, TargetKind.INCIDENT));
        for (TargetKind kind : List.of(TargetKind.ALERT, TargetKind.INCIDENT)) {
            String base = "/api/v1/" + kind.id() + "s/{id}/comments";
            api.route(HandlerType.GET, base, Role.VIEWER,
                    "Comments on an alert or incident",
                    ctx -> ctx.json(store.comments(kind, ctx.pathParam("id"))));
            api.route(HandlerType.POST, base, Role.ANALYST,
                    "Add a comment: {body}",
                    ctx -> ctx.status(HttpStatus.CREATED).json(store.addComment(
                    ApiServer.caller(ctx).name(), kind, ctx.pathParam("id"), text(body(ctx), "body"))));
        }
        api.route(HandlerType.PATCH, "/api/v1/comments/{id}", Role.ANALYST,
                "Edit a comment (its author, or an admin): {body}; the earlier text is kept in its history",
                ctx -> {
                    long id = commentId(ctx);
                    CommentRules.editable(ApiServer.caller(ctx), store.comment(id), id);
                    ctx.json(store.editComment(ApiServer.caller(ctx).name(), id, text(body(ctx), "body")));
                });
        api.route(HandlerType.GET, "/api/v1/comments/{id}/history", Role.VIEWER,
                "A comment's earlier texts, oldest first, with who replaced each and when",
                ctx -> ctx.json(store.commentHistory(commentId(ctx))));
        api.route(HandlerType.GET, "/api/v1/matrix", Role.VIEWER,
                "Alerts per ATT&CK technique (the same filters as the alert list)",
                ctx -> ctx.json(Map.of("techniques",
                store.techniqueCounts(QueryParams.alertQuery(ctx)))));
        api.route(HandlerType.GET, "/api/v1/posture/findings", Role.VIEWER,
                "Posture findings, most severe first: status (open, suppressed, resolved; default both failing ones), severity (minimum), layer, check, entity (TYPE:VALUE); limit and cursor",
                ctx -> ctx.json(QueryParams.page(() -> store.postureFindings(QueryParams.findingQuery(ctx)))));
        api.route(HandlerType.GET, "/api/v1/posture/scans", Role.VIEWER,
                "The latest posture scans recorded (posture scan --store), newest first: what each read, found, opened and resolved",
                ctx -> ctx.json(store.postureScans(QueryParams.limit(ctx, 20, 1000))));
        api.route(HandlerType.GET, "/api/v1/audit", Role.ADMIN,
                "The audit log: who changed what, when, before and after",
                ctx -> ctx.json(store.auditLog(null, null,
                QueryParams.limit(ctx, 100, 1000), ctx.queryParam("cursor"))));
    }

    private void alerts(Context ctx) {
        AlertQuery q = QueryParams.alertQuery(ctx);
        listed(ctx, QueryParams.page(() -> store.alerts(q)), () -> store.alertFacets(q));
    }

    /** A list answer: the page's items, the cursor of the next, and with {@code facets=true} the facet counts. */
    private static void listed(Context ctx, dev.cloudwarden.app.store.Page<?> page,
                               java.util.function.Supplier<dev.cloudwarden.app.store.Facets> facets) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page.items());
        out.put("next", page.next());
        if ("true".equals(ctx.queryParam("facets"))) {
            dev.cloudwarden.app.store.Facets counted = facets.get();
            out.put("facets", counted.byField());
            // more matched than the counts read: they are of the first rows in the list's order
            out.put("facets_sampled", counted.sampled());
        }
        ctx.json(out);
    }

    private static long commentId(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("a comment id is a number: " + ctx.pathParam("id"));
        }
    }

    private void incidents(Context ctx) {
        IncidentQuery query = QueryParams.incidentQuery(ctx);
        listed(ctx, QueryParams.page(() -> store.incidents(query)), () -> store.incidentFacets(query));
    }

    private void triageOne(Context ctx, TargetKind kind) {
        triage(ctx, kind, List.of(ctx.pathParam("id")), body(ctx));
    }

    private void triageMany(Context ctx, TargetKind kind) {
        JsonNode body = body(ctx);
        JsonNode ids = body.get("ids");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            throw ApiException.badRequest("ids must be a non-empty array of " + kind.id() + " ids");
        }
        List<String> list = new ArrayList<>();
        ids.forEach(id -> list.add(id.asText()));
        triage(ctx, kind, list, body);
    }

    /** {@code {"status": ..., "assignee": ... or null, "tags": [...]}}: what is present changes. */
    private void triage(Context ctx, TargetKind kind, List<String> ids, JsonNode body) {
        TriagePatch patch = new TriagePatch(null, false, null, null);
        if (body.has("status")) {
            String s = text(body, "status");
            patch = patch.andStatus(TriageStatus.parse(s).orElseThrow(() -> ApiException.badRequest("unknown status '"
                    + s + "'")));
        }
        if (body.has("assignee")) {
            patch = body.get("assignee").isNull() ? patch.andUnassign() : patch.andAssign(text(body, "assignee"));
        }
        if (body.has("tags")) {
            List<String> tags = new ArrayList<>();
            body.get("tags").forEach(t -> tags.add(t.asText()));
            patch = patch.andTags(tags);
        }
        if (patch.isEmpty()) {
            throw ApiException.badRequest("nothing to change: give status, assignee or tags");
        }
        String actor = ApiServer.caller(ctx).name();
        ctx.json(kind == TargetKind.ALERT ? store.triageAlerts(actor, ids, patch) : store.triageIncidents(actor, ids, patch));
    }

    private JsonNode body(Context ctx) {
        return JsonBody.object(ctx, json);
    }

    private static String text(JsonNode body, String field) {
        return JsonBody.text(body, field);
    }

    private static ApiException notFound(String what, String id) {
        return new ApiException(HttpStatus.NOT_FOUND, "no " + what + " " + id, Map.of());
    }
}
