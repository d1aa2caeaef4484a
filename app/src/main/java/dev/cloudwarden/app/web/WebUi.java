package dev.cloudwarden.app.web;

import dev.cloudwarden.app.server.CallerLookup;
import dev.cloudwarden.app.server.RuleSwitches;
import dev.cloudwarden.app.server.WebRoutes;
import dev.cloudwarden.app.store.PlatformStore;

import java.time.Clock;

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

    public static void register(WebRoutes routes, PlatformStore store, CallerLookup tokens, RuleSwitches switches,
                                Clock clock) {
        Templates templates = new Templates();
        new SignIn(routes, store, tokens, new SignInThrottle(clock), templates).register();
        new IncidentPages(store, templates).register(routes);
        new AlertPages(store, templates).register(routes);
        new MatrixPages(store, switches, templates).register(routes);
        routes.pageErrors((ctx, status, message) -> templates.render(ctx, "error.jte", new ErrorView(status, message)));
    }
}
