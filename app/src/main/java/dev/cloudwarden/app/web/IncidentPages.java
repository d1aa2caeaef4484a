package dev.cloudwarden.app.web;

import dev.cloudwarden.app.server.ApiException;
import dev.cloudwarden.app.server.Caller;
import dev.cloudwarden.app.server.QueryParams;
import dev.cloudwarden.app.server.WebRoutes;
import dev.cloudwarden.app.store.Comment;
import dev.cloudwarden.app.store.CommentEdit;
import dev.cloudwarden.app.store.IncidentDetail;
import dev.cloudwarden.app.store.IncidentQuery;
import dev.cloudwarden.app.store.Page;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.app.store.StoredAlert;
import dev.cloudwarden.app.store.StoredIncident;
import dev.cloudwarden.app.store.TargetKind;
import dev.cloudwarden.app.store.TriagePatch;
import dev.cloudwarden.app.store.TriageStatus;
import dev.cloudwarden.engine.alert.AlertCodec;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityExtractor;
import dev.cloudwarden.engine.incident.EntityType;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The incident queue and one incident's page, with the triage and comment forms they post. */
final class IncidentPages {
    /** The filters the queue keeps in its links (the list API's own parameters). */
    private static final List<String> FILTERS = List.of("status", "severity", "entity", "technique", "from", "to");
    /** Entities whose other incidents are worth a look: who, from where, with which key, on which machine. */
    private static final Set<EntityType> RELATING = Set.of(EntityType.PRINCIPAL, EntityType.ACCESS_KEY, EntityType.IP,
            EntityType.INSTANCE, EntityType.HOST);
    private static final int RELATED = 10;

    private final PlatformStore store;
    private final Templates templates;
    private final EntityExtractor entities = EntityExtractor.defaults();

    IncidentPages(PlatformStore store, Templates templates) {
        this.store = store;
        this.templates = templates;
    }

    void register(WebRoutes routes) {
        routes.page(HandlerType.GET, "/incidents", Role.VIEWER, "The incident queue", this::queue);
        routes.page(HandlerType.POST, "/incidents/triage", Role.ANALYST, "Triage the incidents checked", this::triageMany);
        routes.page(HandlerType.GET, "/incidents/{id}", Role.VIEWER, "One incident", this::incident);
        routes.page(HandlerType.POST, "/incidents/{id}/triage", Role.ANALYST, "Triage an incident", this::triageOne);
        routes.page(HandlerType.POST, "/incidents/{id}/comments", Role.ANALYST, "Comment on an incident", this::comment);
    }

    private void queue(Context ctx) {
        IncidentQuery q = QueryParams.incidentQuery(ctx);
        Page<StoredIncident> page = store.incidents(q);
        Map<String, String> filters = new LinkedHashMap<>();
        FILTERS.forEach(f -> {
            String v = ctx.queryParam(f);
            if (v != null && !v.isBlank()) {
                filters.put(f, v);
            }
        });
        String query = IncidentQueue.queryOf(filters);
        String next = page.next() == null ? null : "/incidents?" + (query.isEmpty() ? "" : query + "&") + "cursor="
                + Fmt.url(page.next());
        templates.render(ctx, "incidents.jte", new IncidentQueue(frame(ctx, "Incidents", "incidents"), filters, query,
                page.items().stream().map(IncidentRow::of).toList(), store.incidentFacets(q).byField(), next));
    }

    private void incident(Context ctx) {
        String id = ctx.pathParam("id");
        IncidentDetail d = store.incident(id).orElseThrow(() -> ApiException.notFound("no incident " + id));
        List<List<Entity>> together = new ArrayList<>();
        for (StoredAlert a : d.alerts()) {
            try {
                together.add(entities.entities(AlertCodec.read(Json.MAPPER.readTree(a.alertJson()))));
            } catch (java.io.IOException | IllegalArgumentException e) {
                together.add(List.of()); // an alert the codec cannot read still shows; it draws no lines
            }
        }
        List<Comment> comments = store.comments(TargetKind.INCIDENT, id);
        Map<Long, List<String>> earlier = new LinkedHashMap<>();
        for (Comment c : comments) {
            if (c.edited() != null) {
                earlier.put(c.id(), store.commentHistory(c.id()).stream().map(CommentEdit::previousBody).toList());
            }
        }
        templates.render(ctx, "incident.jte", IncidentView.of(frame(ctx, "Incident " + id, "incidents"), d,
                EntityGraph.of(d.entities(), together), comments, earlier, related(d)));
    }

    /** Other incidents naming one of this incident's principals, keys, addresses or machines, newest first. */
    private List<IncidentRow> related(IncidentDetail d) {
        Map<String, IncidentRow> found = new LinkedHashMap<>();
        for (Entity e : d.entities()) {
            if (!RELATING.contains(e.type()) || found.size() >= RELATED) {
                continue;
            }
            for (StoredIncident i : store.incidents(IncidentQuery.all().withEntity(e).withLimit(RELATED)).items()) {
                if (!i.id().equals(d.incident().id()) && found.size() < RELATED) {
                    found.putIfAbsent(i.id(), IncidentRow.of(i));
                }
            }
        }
        return List.copyOf(found.values());
    }

    private void triageOne(Context ctx) {
        String id = ctx.pathParam("id");
        store.triageIncidents(caller(ctx).name(), List.of(id), patch(ctx));
        ctx.redirect("/incidents/" + Fmt.url(id), HttpStatus.SEE_OTHER);
    }

    private void triageMany(Context ctx) {
        List<String> ids = ctx.formParams("ids");
        if (ids.isEmpty()) {
            throw ApiException.badRequest("check at least one incident");
        }
        store.triageIncidents(caller(ctx).name(), new LinkedHashSet<>(ids), patch(ctx));
        String back = SignIn.localPath(ctx.formParam("back"));
        ctx.redirect(back != null && back.startsWith("/incidents") ? back : "/incidents", HttpStatus.SEE_OTHER);
    }

    /** The form's status and assignee; an empty field leaves that part as it is, {@code -} unassigns. */
    private static TriagePatch patch(Context ctx) {
        TriagePatch patch = new TriagePatch(null, false, null, null);
        String status = ctx.formParam("status");
        if (status != null && !status.isBlank()) {
            patch = patch.andStatus(TriageStatus.parse(status).orElseThrow(() -> ApiException.badRequest(
                    "status must be one of " + IncidentQueue.STATUSES)));
        }
        String assignee = ctx.formParam("assignee");
        if (assignee != null && !assignee.isBlank()) {
            patch = assignee.trim().equals("-") ? patch.andUnassign() : patch.andAssign(assignee.trim());
        }
        if (patch.isEmpty()) {
            throw ApiException.badRequest("choose a status or an assignee");
        }
        return patch;
    }

    private void comment(Context ctx) {
        String id = ctx.pathParam("id");
        String body = ctx.formParam("body");
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("a comment needs some text");
        }
        store.addComment(caller(ctx).name(), TargetKind.INCIDENT, id, body.strip());
        ctx.redirect("/incidents/" + Fmt.url(id) + "#comments", HttpStatus.SEE_OTHER);
    }

    private static Caller caller(Context ctx) {
        return WebRoutes.caller(ctx);
    }

    static Frame frame(Context ctx, String title, String active) {
        return Frame.of(title, active, WebRoutes.caller(ctx), WebRoutes.session(ctx));
    }
}
