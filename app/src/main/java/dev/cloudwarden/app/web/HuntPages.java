package dev.cloudwarden.app.web;

import dev.cloudwarden.app.hunt.HuntException;
import dev.cloudwarden.app.hunt.HuntLimits;
import dev.cloudwarden.app.hunt.HuntResult;
import dev.cloudwarden.app.server.ApiException;
import dev.cloudwarden.app.server.Hunts;
import dev.cloudwarden.app.server.WebRoutes;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.app.store.SavedHunt;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Hunting from the browser: a SQL query or Sigma rules over the stored events, alerts and incidents; saved hunts. */
final class HuntPages {
    private static final int MAX_ROWS = 1000;

    private final PlatformStore store;
    private final Hunts hunts;
    private final Templates templates;

    HuntPages(PlatformStore store, Hunts hunts, Templates templates) {
        this.store = store;
        this.hunts = hunts;
        this.templates = templates;
    }

    void register(WebRoutes routes) {
        routes.page(HandlerType.GET, "/hunt", Role.ANALYST, "Hunt with SQL or Sigma; saved hunts", this::hunt);
        routes.page(HandlerType.POST, "/hunt/save", Role.ANALYST, "Save a hunt by name", this::save);
    }

    private void hunt(Context ctx) {
        String savedName = blankToNull(ctx.queryParam("saved"));
        String kind = "sigma".equals(ctx.queryParam("kind")) ? "sigma" : "sql";
        String query = blankToNull(ctx.queryParam("q"));
        SavedHunt saved = null;
        if (savedName != null) {
            saved = store.hunt(savedName).orElseThrow(() -> ApiException.notFound("no saved hunt named " + savedName));
            kind = saved.kind().id();
            query = saved.query();
        }
        HuntView.Result result = null;
        String error = null;
        if (query != null) {
            HuntLimits limits = new HuntLimits(MAX_ROWS, HuntLimits.DEFAULT.timeout());
            try {
                HuntResult r = saved != null ? hunts.saved(saved, limits)
                        : kind.equals("sigma") ? hunts.sigma(query, limits) : hunts.sql(query, limits);
                result = result(r);
            } catch (HuntException e) {
                error = "Hunt " + e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + Fmt.visible(e.getMessage());
            }
        }
        templates.render(ctx, "hunt.jte", new HuntView(IncidentPages.frame(ctx, "Hunt", "hunt"), kind,
                query == null ? "" : query, savedName == null ? "" : savedName, result, error, store.hunts()));
    }

    private static HuntView.Result result(HuntResult r) {
        List<List<String>> rows = new ArrayList<>();
        for (List<Object> row : r.rows()) {
            rows.add(row.stream().map(v -> v == null ? "" : Fmt.visible(String.valueOf(v))).toList());
        }
        return new HuntView.Result(r.columns().stream().map(Fmt::visible).toList(), rows, r.truncated(),
                String.format(Locale.ROOT, "%.2f s", r.took().toMillis() / 1000.0));
    }

    private void save(Context ctx) {
        String name = blankToNull(ctx.formParam("name"));
        String query = blankToNull(ctx.formParam("q"));
        if (name == null || query == null) {
            throw ApiException.badRequest("a saved hunt needs a name and a query");
        }
        SavedHunt.Kind kind = "sigma".equals(ctx.formParam("kind")) ? SavedHunt.Kind.SIGMA : SavedHunt.Kind.SQL;
        hunts.save(WebRoutes.caller(ctx).name(), name, kind, query);
        ctx.redirect("/hunt?saved=" + Fmt.url(name), HttpStatus.SEE_OTHER);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
