package dev.cloudwarden.app.web;

import dev.cloudwarden.app.server.CallerLookup;
import dev.cloudwarden.app.server.Hunts;
import dev.cloudwarden.app.server.RuleSwitches;
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
     * @param health the service's health, as {@code /api/v1/health} answers it
     */
    public static void register(WebRoutes routes, PlatformStore store, CallerLookup tokens, RuleSwitches switches,
                                Hunts hunts, Supplier<Map<String, Object>> health, Clock clock) {
        Templates templates = new Templates();
        new SignIn(routes, store, tokens, new SignInThrottle(clock), templates).register();
        new IncidentPages(store, templates).register(routes);
        new AlertPages(store, templates).register(routes);
        new MatrixPages(store, switches, templates).register(routes);
        new RulePages(switches, templates).register(routes);
        new HuntPages(store, hunts, templates).register(routes);
        routes.page(HandlerType.GET, "/health", Role.VIEWER, "The service's health", ctx -> templates.render(ctx,
                "health.jte", HealthView.of(IncidentPages.frame(ctx, "Health", "health"), health.get())));
        routes.pageErrors((ctx, status, message) -> templates.render(ctx, "error.jte", new ErrorView(status, message)));
    }
}
