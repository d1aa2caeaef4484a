package dev.cloudwarden.app.web;

import dev.cloudwarden.app.server.ApiException;
import dev.cloudwarden.app.server.QueryParams;
import dev.cloudwarden.app.server.RuleSwitches;
import dev.cloudwarden.app.server.RuleTestResults;
import dev.cloudwarden.app.server.WebRoutes;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.app.store.RuleState;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.model.CorrelationRule;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The rules browser and the form that switches a rule off or on (admins). */
final class RulePages {
    private static final List<String> FILTERS = List.of("q", "level", "fed", "enabled", "tests");
    private static final int SHOWN = 500;

    private final RuleSwitches switches;
    private final Supplier<RuleTestResults> tests;
    private final Templates templates;

    RulePages(RuleSwitches switches, Supplier<RuleTestResults> tests, Templates templates) {
        this.switches = switches;
        this.tests = tests;
        this.templates = templates;
    }

    void register(WebRoutes routes) {
        routes.page(HandlerType.GET, "/rules", Role.VIEWER, "The rules, searchable", this::list);
        routes.page(HandlerType.POST, "/rules/switch", Role.ADMIN, "Switch a rule off or on", this::switchRule);
    }

    private void list(Context ctx) {
        String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").toLowerCase(Locale.ROOT).trim();
        Level level = QueryParams.level(ctx, "level");
        Boolean enabled = QueryParams.bool(ctx, "enabled");
        String fed = ctx.queryParam("fed") == null ? "" : ctx.queryParam("fed");
        String tested = ctx.queryParam("tests") == null ? "" : ctx.queryParam("tests");
        if (!List.of("", "passing", "failing", "none").contains(tested)) {
            throw ApiException.badRequest("tests must be passing, failing or none");
        }
        RuleTestResults results = tests.get();
        List<RuleBrowser.Row> rows = new ArrayList<>();
        for (LoadedRule r : switches.rules().rules()) {
            rows.add(row(r.key(), r.rule().title(), r.rule().level(), r.rule().logSource().toString(),
                    r.fedBy().stream().map(SourceType::id).sorted().collect(Collectors.joining(" ")), r.rule().tags(), false,
                    results.of(r.key())));
        }
        for (CorrelationRule c : switches.rules().correlations()) {
            rows.add(row(RuleSet.key(c), c.title(), c.level(), "correlation", "", c.tags(), true,
                    results.of(RuleSet.key(c))));
        }
        List<RuleBrowser.Row> matching = rows.stream()
                .filter(r -> q.isEmpty() || (r.id() + " " + r.title() + " " + r.tags()).toLowerCase(Locale.ROOT).contains(q))
                .filter(r -> level == null || Level.parse(r.level()).filter(l -> l.compareTo(level) >= 0).isPresent())
                .filter(r -> enabled == null || r.enabled() == enabled)
                .filter(r -> fed.isEmpty() || (" " + r.fedBy() + " ").contains(" " + fed + " ")
                        || fed.equals("none") && r.fedBy().isEmpty() && !r.correlation())
                .filter(r -> tested.isEmpty() || tested.equals(r.testState()))
                .toList();
        List<RuleBrowser.Off> elsewhere = switches.switchedOff().stream().filter(s -> !switches.isKnown(s.ruleId()))
                .map(s -> new RuleBrowser.Off(Fmt.visible(s.ruleId()), Fmt.visible(s.reason()), s.changedBy())).toList();
        templates.render(ctx, "rules.jte", new RuleBrowser(IncidentPages.frame(ctx, "Rules", "rules"),
                Filters.of(ctx, "/rules", FILTERS), matching.subList(0, Math.min(SHOWN, matching.size())),
                matching.size(), elsewhere, results.problems().stream().map(Fmt::visible).toList()));
    }

    private RuleBrowser.Row row(String id, String title, Level level, String logsource, String fedBy, List<String> tags,
                                boolean correlation, Optional<RuleTestResults.Summary> tested) {
        Optional<RuleState> off = switches.offState(id);
        return new RuleBrowser.Row(id, Fmt.visible(title), Fmt.level(level), Fmt.visible(logsource), fedBy,
                Fmt.visible(String.join(" ", tags)), correlation, off.map(s -> Fmt.visible(s.reason() == null ? ""
                : s.reason())).orElse(null), off.map(RuleState::changedBy).orElse(null),
                tested.map(RuleBrowser.Tests::of).orElse(null));
    }

    private void switchRule(Context ctx) {
        String id = ctx.formParam("id");
        boolean on = "true".equals(ctx.formParam("enabled"));
        try {
            switches.set(WebRoutes.caller(ctx).name(), id, on, ctx.formParam("reason"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        String back = SignIn.localPath(ctx.formParam("back"));
        ctx.redirect(back != null && back.startsWith("/rules") ? back : "/rules", HttpStatus.SEE_OTHER);
    }
}
