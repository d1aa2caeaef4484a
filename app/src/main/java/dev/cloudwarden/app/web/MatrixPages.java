package dev.cloudwarden.app.web;

import dev.cloudwarden.app.output.NavigatorLayer;
import dev.cloudwarden.app.server.ApiException;
import dev.cloudwarden.app.server.QueryParams;
import dev.cloudwarden.app.server.RuleSwitches;
import dev.cloudwarden.app.server.WebRoutes;
import dev.cloudwarden.app.store.AlertQuery;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.engine.incident.Classification;
import dev.cloudwarden.engine.incident.Tactic;
import dev.cloudwarden.engine.sigma.coverage.RuleCoverage;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.model.CorrelationRule;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ATT&CK matrix: detections (alerts per technique in a time range, from the store's counts) or coverage (rules
 * switched on per technique), with a Navigator layer of either. A technique's tactics come from the technique list
 * shipped with CloudWarden, else from the rules that tag it.
 */
final class MatrixPages {
    private static final List<String> FILTERS = List.of("view", "from", "to");

    /** A technique's name and tactics, as the shipped list has them (cloud techniques; others show their id). */

    private final PlatformStore store;
    private final RuleSwitches switches;
    private final Templates templates;
    private final dev.cloudwarden.app.attack.AttackTechniques known = dev.cloudwarden.app.attack.AttackTechniques.builtIn();
    private final Map<String, Set<Tactic>> tacticsOfRules = new HashMap<>();

    MatrixPages(PlatformStore store, RuleSwitches switches, Templates templates) {
        this.store = store;
        this.switches = switches;
        this.templates = templates;
        for (LoadedRule r : switches.rules().rules()) {
            tag(r.rule().tags());
        }
        for (CorrelationRule c : switches.rules().correlations()) {
            tag(c.tags());
        }
    }

    void register(WebRoutes routes) {
        routes.page(HandlerType.GET, "/matrix", Role.VIEWER, "The ATT&CK matrix of detections or coverage", this::matrix);
        routes.page(HandlerType.GET, "/matrix/navigator.json", Role.VIEWER, "The matrix as a Navigator layer",
                this::navigator);
    }

    private void tag(List<String> tags) {
        Set<Tactic> tactics = EnumSet.noneOf(Tactic.class);
        tags.forEach(t -> Tactic.ofTag(t).ifPresent(tactics::add));
        for (String technique : Classification.techniques(tags)) {
            tacticsOfRules.computeIfAbsent(technique, k -> EnumSet.noneOf(Tactic.class)).addAll(tactics);
        }
    }

    private void matrix(Context ctx) {
        String view = view(ctx);
        Filters filters = Filters.of(ctx, "/matrix", FILTERS);
        Map<String, Long> alerts = store.techniqueCounts(alertsIn(ctx));
        Map<String, Long> rules = rulesPerTechnique();
        Map<String, List<AttackMatrix.Cell>> columns = new LinkedHashMap<>();
        for (Tactic t : Tactic.values()) {
            columns.put(t.id(), new ArrayList<>());
        }
        columns.put("other", new ArrayList<>());
        Set<String> techniques = new TreeSet<>(alerts.keySet());
        techniques.addAll(rules.keySet());
        for (String id : techniques) {
            long a = alerts.getOrDefault(id, 0L);
            long r = rules.getOrDefault(id, 0L);
            long shown = "coverage".equals(view) ? r : a;
            String link = "coverage".equals(view) ? "/rules?q=" + Fmt.url(id)
                    : "/alerts?technique=" + Fmt.url(id) + timeRange(filters);
            AttackMatrix.Cell cell = new AttackMatrix.Cell(id, name(id), a, r, heat(shown), link);
            Set<Tactic> tactics = tactics(id);
            if (tactics.isEmpty()) {
                columns.get("other").add(cell);
            }
            tactics.forEach(t -> columns.get(t.id()).add(cell));
        }
        List<AttackMatrix.Column> shown = columns.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> new AttackMatrix.Column(e.getKey(), e.getValue())).toList();
        templates.render(ctx, "matrix.jte", new AttackMatrix(IncidentPages.frame(ctx, "ATT&CK", "matrix"), view, filters,
                shown, techniques.size(), "/matrix/navigator.json?" + filters.self().substring("/matrix?".length())));
    }

    private void navigator(Context ctx) throws IOException {
        String view = view(ctx);
        StringWriter out = new StringWriter();
        if ("coverage".equals(view)) {
            dev.cloudwarden.app.output.CoverageWriter.navigator(switches.coverage(), out);
        } else {
            List<NavigatorLayer.Technique> techniques = new ArrayList<>();
            store.techniqueCounts(alertsIn(ctx)).forEach((id, n) -> techniques.add(new NavigatorLayer.Technique(id, n,
                    n + (n == 1 ? " alert" : " alerts"))));
            NavigatorLayer.write("CloudWarden detections", "Alerts per technique in CloudWarden's store"
                    + (ctx.queryParam("from") != null ? " from " + ctx.queryParam("from") : "")
                    + (ctx.queryParam("to") != null ? " to " + ctx.queryParam("to") : ""), techniques, out);
        }
        ctx.header("Content-Disposition", "attachment; filename=\"cloudwarden-" + view + "-layer.json\"");
        ctx.contentType("application/json").result(out.toString());
    }

    private static String view(Context ctx) {
        String view = ctx.queryParam("view");
        if (view == null || view.isBlank()) {
            return "detections";
        }
        if (!view.equals("detections") && !view.equals("coverage")) {
            throw ApiException.badRequest("view must be detections or coverage");
        }
        return view;
    }

    private static AlertQuery alertsIn(Context ctx) {
        return AlertQuery.all().withTime(QueryParams.time(ctx, "from"), QueryParams.time(ctx, "to"));
    }

    private static String timeRange(Filters f) {
        return (f.get("from").isEmpty() ? "" : "&from=" + Fmt.url(f.get("from")))
                + (f.get("to").isEmpty() ? "" : "&to=" + Fmt.url(f.get("to")));
    }

    private Map<String, Long> rulesPerTechnique() {
        Map<String, Long> out = new TreeMap<>();
        for (RuleCoverage.Covered<String> t : switches.coverage().techniques()) {
            out.put(t.what(), (long) t.rules().size());
        }
        return out;
    }

    /**
     * The technique's tactics: ATT&CK's own where the shipped list has the technique (or its parent), else those its
     * rules tag it with (a rule's tactic tags cover all of its techniques, so this is the rougher source).
     */
    private Set<Tactic> tactics(String technique) {
        Set<Tactic> k = known.tactics(technique);
        if (!k.isEmpty()) {
            return k;
        }
        String parent = technique.contains(".") ? technique.substring(0, technique.indexOf('.')) : technique;
        Set<Tactic> t = tacticsOfRules.get(technique);
        return t != null ? t : tacticsOfRules.getOrDefault(parent, Set.of());
    }

    private String name(String technique) {
        return known.name(technique);
    }

    /** Shades: none, 1, 2-9, 10-99, 100-999, 1000 and more. */
    static String heat(long n) {
        return n <= 0 ? "h0" : n == 1 ? "h1" : n < 10 ? "h2" : n < 100 ? "h3" : n < 1000 ? "h4" : "h5";
    }
}
