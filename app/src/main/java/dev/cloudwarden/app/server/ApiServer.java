package dev.cloudwarden.app.server;

import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.app.store.StoreException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.security.RouteRole;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The HTTP side of the service (Javalin): every route is registered with the least role that may call it, and one
 * check before every matched route enforces it: no token is 401, too low a role is 403. Responses carry headers that
 * keep a browser from sniffing or framing them; bodies are JSON built by Jackson, so attacker-controlled log fields
 * in them are data, never markup.
 */
final class ApiServer {
    static final String CALLER = "cloudwarden.caller";

    private final Javalin app;
    private final TlsConnector tls;

    /**
     * @param tls the HTTPS listener, or null for plain HTTP
     */
    ApiServer(long maxBodyBytes, TlsConnector tls, CallerLookup callers, io.javalin.json.JsonMapper json) {
        this.tls = tls;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = maxBodyBytes;
            config.useVirtualThreads = false;
            config.jsonMapper(json);
            if (this.tls != null) {
                // the one connector: Javalin adds its plain HTTP one only when none is configured
                config.jetty.addConnector(this.tls::connector);
            }
        });
        app.beforeMatched(ctx -> authorize(ctx, callers));
        app.after(ApiServer::securityHeaders);
        app.exception(ApiException.class, (e, ctx) -> {
            ctx.status(e.status());
            e.headers().forEach(ctx::header);
            ctx.json(e.body());
        });
        app.exception(StoreException.NotFound.class, (e, ctx) -> ctx.status(HttpStatus.NOT_FOUND)
                .json(Map.of("error", e.getMessage())));
    }

    /** A registered route and the least role that may call it (the OpenAPI document and the tests list them). */
    record Route(String method, String path, Role role, String summary) {
    }

    private final java.util.List<Route> routes = new java.util.ArrayList<>();

    /** Registers a route for callers of {@code role} and above. */
    void route(HandlerType method, String path, Role role, String summary, io.javalin.http.Handler handler) {
        app.addHttpHandler(method, path, handler, access(role));
        routes.add(new Route(method.name(), path, role, summary));
    }

    java.util.List<Route> routes() {
        return java.util.List.copyOf(routes);
    }

    Javalin javalin() {
        return app;
    }

    /** The caller the check before the route found (every route has one). */
    static Caller caller(Context ctx) {
        return ctx.attribute(CALLER);
    }

    private static void authorize(Context ctx, CallerLookup callers) {
        Set<RouteRole> roles = ctx.routeRoles();
        Role needed = roles.stream().filter(Access.class::isInstance).map(r -> ((Access) r).role())
                .findFirst().orElse(Role.ADMIN); // a route registered without a role is the strictest, never open
        String header = ctx.header("Authorization");
        Optional<Caller> caller = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? callers.byToken(header.substring(7).trim()) : Optional.empty();
        if (caller.isEmpty()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "a valid token is required: Authorization: Bearer TOKEN",
                    Map.of("WWW-Authenticate", "Bearer realm=\"cloudwarden\""));
        }
        if (!caller.get().role().allows(needed)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "this needs the " + needed.id() + " role; the token has "
                    + caller.get().role().id(), Map.of());
        }
        ctx.attribute(CALLER, caller.get());
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    static RouteRole access(Role role) {
        return new Access(role);
    }

    /** A route's least role, as Javalin carries it. */
    record Access(Role role) implements RouteRole {
    }

    void start(String host, int port) {
        if (tls != null) {
            tls.bind(host, port);
        }
        app.start(host, port);
    }

    /** {@code https} when the service serves TLS. */
    String scheme() {
        return tls != null ? "https" : "http";
    }

    int port() {
        return app.port();
    }

    void stop() {
        app.stop();
    }
}
