package dev.cloudwarden.app.web;

import dev.cloudwarden.app.server.ApiException;
import dev.cloudwarden.app.server.IntelCatalog;
import dev.cloudwarden.app.server.WebRoutes;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocType;
import dev.cloudwarden.engine.intel.match.IntelDetector;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The intel page: what the service matches (counts), the feeds imported, sightings (recorded by scans) and the alerts
 * intel raised, and a search.
 */
final class IntelPages {
    private static final List<String> FILTERS = List.of("value", "q", "type");
    private static final int SHOWN = 200;

    private final IntelCatalog intel;
    private final PlatformStore store;
    private final Templates templates;
    private final Clock clock;

    IntelPages(IntelCatalog intel, PlatformStore store, Templates templates, Clock clock) {
        this.intel = intel;
        this.store = store;
        this.templates = templates;
        this.clock = clock;
    }

    void register(WebRoutes routes) {
        routes.page(HandlerType.GET, "/intel", Role.VIEWER, "The intel matched: counts, sightings, search", this::page);
    }

    private void page(Context ctx) {
        Instant now = clock.instant();
        IntelCatalog.Stats stats = intel.stats(now);
        Filters filters = Filters.of(ctx, "/intel", FILTERS);
        List<IntelView.Row> rows = null;
        int total = 0;
        if (!filters.get("value").isBlank() || !filters.get("q").isBlank()) {
            IocType type = filters.get("type").isBlank() ? null : IntelCatalog.type(filters.get("type"))
                    .orElseThrow(() -> ApiException.badRequest("no indicator type " + filters.get("type")));
            List<Indicator> found = intel.search(filters.get("value").isBlank() ? null : filters.get("value"),
                    filters.get("q"), type, null, null);
            total = found.size();
            rows = found.subList(0, Math.min(SHOWN, found.size())).stream().map(i -> new IntelView.Row(i.type().id(),
                    Fmt.visible(i.value()), Fmt.visible(i.source()), Fmt.visible(String.join(" ", i.labels())),
                    i.confidence() == null ? "" : i.confidence().toString(), i.validAt(now),
                    Fmt.visible(i.description() == null ? "" : i.description()))).toList();
        }
        Map<String, Long> alerts = store.alertsByRulePrefix(IntelDetector.RULE_PREFIX, SHOWN);
        List<IntelView.Feed> feeds = store.intelFeeds().stream().map(f -> new IntelView.Feed(Fmt.visible(f.name()),
                f.kind(), Fmt.visible(f.url() == null ? "" : f.url()), f.lastImportAt() == null ? "never"
                : Fmt.time(f.lastImportAt()), f.imported(), f.updated(), f.expired(), f.problems())).toList();
        List<IntelView.Sighting> sightings = store.intelSightings(SHOWN).stream().map(s -> new IntelView.Sighting(
                s.type() == null ? "" : s.type(), Fmt.visible(s.value() == null ? s.indicatorId() : s.value()),
                Fmt.visible(s.source()), s.count(), Fmt.time(s.firstSeen()), Fmt.time(s.lastSeen()))).toList();
        templates.render(ctx, "intel.jte", new IntelView(IncidentPages.frame(ctx, "Intel", "intel"), stats.indicators(),
                stats.validNow(), stats.byType(), stats.bySource(), stats.byLabel(), alerts, feeds, sightings, filters,
                rows, total));
    }
}
