package dev.cloudwarden.app.web;

import dev.cloudwarden.app.server.ApiException;
import dev.cloudwarden.app.server.QueryParams;
import dev.cloudwarden.app.server.WebRoutes;
import dev.cloudwarden.app.store.AlertQuery;
import dev.cloudwarden.app.store.IncidentQuery;
import dev.cloudwarden.app.store.Page;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.app.store.StoredAlert;
import dev.cloudwarden.app.store.TargetKind;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.util.List;

/** The alert list and one alert's page, with the same triage and comment forms as incidents. */
final class AlertPages {
    private static final List<String> FILTERS = List.of("status", "level", "rule", "entity", "technique", "from", "to");

    private final PlatformStore store;
    private final Templates templates;

    AlertPages(PlatformStore store, Templates templates) {
        this.store = store;
        this.templates = templates;
    }

    void register(WebRoutes routes) {
        routes.page(HandlerType.GET, "/alerts", Role.VIEWER, "The alerts", this::list);
        routes.page(HandlerType.GET, "/alerts/{id}", Role.VIEWER, "One alert", this::alert);
        new TriageForms(store, TargetKind.ALERT, "/alerts").register(routes);
    }

    private void list(Context ctx) {
        AlertQuery q = QueryParams.alertQuery(ctx);
        Page<StoredAlert> page = QueryParams.page(() -> store.alerts(q));
        Filters filters = Filters.of(ctx, "/alerts", FILTERS);
        templates.render(ctx, "alerts.jte", new AlertList(IncidentPages.frame(ctx, "Alerts", "alerts"), filters,
                page.items().stream().map(AlertView::of).toList(), store.alertFacets(q),
                filters.next(page.next())));
    }

    private void alert(Context ctx) {
        String id = ctx.pathParam("id");
        StoredAlert a = store.alert(id).orElseThrow(() -> ApiException.notFound("no alert " + id));
        List<IncidentRow> incidents = store.incidents(IncidentQuery.all().withAlert(id)).items().stream()
                .map(IncidentRow::of).toList();
        templates.render(ctx, "alert.jte", new AlertPage(IncidentPages.frame(ctx, "Alert " + a.ruleTitle(), "alerts"),
                AlertView.of(a), Fmt.visible(a.triage().assignee()),
                CommentView.on(store, TargetKind.ALERT, id, WebRoutes.caller(ctx)), incidents));
    }
}
