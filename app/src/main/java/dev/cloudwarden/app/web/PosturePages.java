package dev.cloudwarden.app.web;

import dev.cloudwarden.app.server.QueryParams;
import dev.cloudwarden.app.server.WebRoutes;
import dev.cloudwarden.app.store.FindingQuery;
import dev.cloudwarden.app.store.Page;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.app.store.StoredFinding;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.util.List;

/** The posture findings that {@code posture scan --store} keeps: what is misconfigured now, and where. */
final class PosturePages {
    /** The filters the page keeps in its links (the finding API's own parameters). */
    private static final List<String> FILTERS = List.of("status", "severity", "layer", "check", "entity");
    private static final int SCANS = 5;

    private final PlatformStore store;
    private final Templates templates;

    PosturePages(PlatformStore store, Templates templates) {
        this.store = store;
        this.templates = templates;
    }

    void register(WebRoutes routes) {
        routes.page(HandlerType.GET, "/posture", Role.VIEWER, "Posture findings", this::list);
    }

    private void list(Context ctx) {
        FindingQuery q = QueryParams.findingQuery(ctx);
        Page<StoredFinding> page = QueryParams.page(() -> store.postureFindings(q));
        Filters filters = Filters.of(ctx, "/posture", FILTERS);
        templates.render(ctx, "posture.jte", new PostureView(IncidentPages.frame(ctx, "Posture", "posture"), filters,
                store.openPostureFindingsByLayer(), store.postureScans(SCANS), FindingView.of(page.items()),
                filters.next(page.next())));
    }
}
