package dev.cloudwarden.app.web;

import dev.cloudwarden.app.server.ApiException;
import dev.cloudwarden.app.server.QueryParams;
import dev.cloudwarden.app.server.WebRoutes;
import dev.cloudwarden.app.store.IncidentDetail;
import dev.cloudwarden.app.store.IncidentQuery;
import dev.cloudwarden.app.store.Page;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.app.store.StoredAlert;
import dev.cloudwarden.app.store.StoredIncident;
import dev.cloudwarden.app.store.TargetKind;
import dev.cloudwarden.engine.alert.AlertCodec;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityExtractor;
import dev.cloudwarden.engine.incident.EntityType;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The incident queue and one incident's page, with the triage and comment forms they post. */
final class IncidentPages {
    /** The filters the queue keeps in its links (the list API's own parameters). */
    private static final List<String> FILTERS = List.of("status", "severity", "entity", "technique", "from", "to",
            "sort");
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
        routes.page(HandlerType.GET, "/incidents/{id}", Role.VIEWER, "One incident", this::incident);
        new TriageForms(store, TargetKind.INCIDENT, "/incidents").register(routes);
        new ResponseForms(store).register(routes);
    }

    private void queue(Context ctx) {
        IncidentQuery q = QueryParams.incidentQuery(ctx);
        Page<StoredIncident> page = QueryParams.page(() -> store.incidents(q));
        Filters filters = Filters.of(ctx, "/incidents", FILTERS);
        templates.render(ctx, "incidents.jte", new IncidentQueue(frame(ctx, "Incidents", "incidents"), filters,
                page.items().stream().map(IncidentRow::of).toList(), store.incidentFacets(q),
                filters.next(page.next())));
    }

    private void incident(Context ctx) {
        String id = ctx.pathParam("id");
        IncidentDetail d = store.incident(id).orElseThrow(() -> ApiException.notFound("no incident " + id));
        // each alert's entities from its own JSON: a cost bounded by the incident's size (the store's entity rows
        // are keyed by alert and entity together, which DuckDB cannot look up by alert alone)
        List<List<Entity>> together = new ArrayList<>();
        for (StoredAlert a : d.alerts()) {
            try {
                together.add(entities.entities(AlertCodec.read(Json.MAPPER.readTree(a.alertJson()))));
            } catch (java.io.IOException | IllegalArgumentException e) {
                together.add(List.of()); // an alert the codec cannot read still shows; it draws no lines
            }
        }
        templates.render(ctx, "incident.jte", IncidentView.of(frame(ctx, "Incident " + id, "incidents"), d,
                EntityGraph.of(d.entities(), together), CommentView.on(store, TargetKind.INCIDENT, id, WebRoutes.caller(ctx)), related(d)));
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

    static Frame frame(Context ctx, String title, String active) {
        return Frame.of(title, active, WebRoutes.caller(ctx), WebRoutes.session(ctx));
    }
}
