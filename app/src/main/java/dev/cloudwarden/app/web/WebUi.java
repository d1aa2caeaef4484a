package dev.cloudwarden.app.web;

import dev.cloudwarden.app.server.CallerLookup;
import dev.cloudwarden.app.server.Hunts;
import dev.cloudwarden.app.server.IntelCatalog;
import dev.cloudwarden.app.server.RuleSwitches;
import dev.cloudwarden.app.server.RuleTestResults;
import dev.cloudwarden.app.server.WebRoutes;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.Role;
import io.javalin.http.HandlerType;

import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The analysts' web UI, served by {@code cloudwarden serve} at {@code /} over the same store, roles and sessions as
 * the API: pages rendered on the server from templates that escape every value, a little script of our own
 * ({@code /static/app.js}) and nothing loaded from anywhere else.
 */
public final class WebUi {
    /** An error as a page shows it. */
    public record ErrorView(int status, String message) {
    }

    private WebUi() {
    }

    /**
     * What the pages show and change: the store, the tokens that sign in, the rule switches, hunting, the intel
     * matched and the service's health (as {@code /api/v1/health} answers it).
     */
    public record Parts(PlatformStore store, CallerLookup tokens, RuleSwitches rules,
                        Supplier<RuleTestResults> ruleTests, Hunts hunts, IntelCatalog intel,
                        Supplier<Map<String, Object>> health) {
    }

    public static void register(WebRoutes routes, Parts parts, Clock clock) {
        Templates templates = new Templates();
        PlatformStore store = parts.store();
        new SignIn(routes, store, parts.tokens(), new SignInThrottle(clock), templates).register();
        new IncidentPages(store, templates).register(routes);
        new AlertPages(store, templates).register(routes);
        new MatrixPages(store, parts.rules(), templates).register(routes);
        new PosturePages(store, templates).register(routes);
        new ReportPages(store, clock).register(routes);
        new RulePages(parts.rules(), parts.ruleTests(), templates).register(routes);
        new HuntPages(store, parts.hunts(), templates).register(routes);
        new IntelPages(parts.intel(), store, templates, clock).register(routes);
        routes.page(HandlerType.GET, "/health", Role.VIEWER, "The service's health", ctx -> templates.render(ctx,
                "health.jte", HealthView.of(IncidentPages.frame(ctx, "Health", "health"), parts.health().get())));
        routes.pageErrors((ctx, status, message) -> templates.render(ctx, "error.jte", new ErrorView(status, message)));
    }
}
