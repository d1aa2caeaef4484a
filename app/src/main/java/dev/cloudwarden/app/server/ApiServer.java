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
final class ApiServer implements WebRoutes {
    static final String CALLER = "cloudwarden.caller";
    static final String SESSION = "cloudwarden.session";
    private static final String STARTED = "cloudwarden.started";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String CSRF_FIELD = "_csrf";
    private static final RouteRole OPEN = new RouteRole() {
    };

    private final Javalin app;
    private final TlsConnector tls;
    private final Sessions sessions;
    private volatile PageErrors pageErrors;

    /**
     * @param tls the HTTPS listener, or null for plain HTTP
     */
    ApiServer(long maxBodyBytes, TlsConnector tls, CallerLookup callers, Sessions sessions,
              io.javalin.json.JsonMapper json) {
        this.tls = tls;
        this.sessions = sessions;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = maxBodyBytes;
            config.useVirtualThreads = false;
            config.jsonMapper(json);
            if (this.tls != null) {
                // the one connector: Javalin adds its plain HTTP one only when none is configured
                config.jetty.addConnector(this.tls::connector);
            }
            // the UI's own CSS, scripts and images; nothing is loaded from anywhere else (the CSP says so)
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/web/static";
                files.location = io.javalin.http.staticfiles.Location.CLASSPATH;
            });
        });
        app.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
        app.beforeMatched(ctx -> authorize(ctx, callers));
        app.after(ApiServer::securityHeaders);
        app.after(ApiServer::serverTiming);
        app.exception(ApiException.class, (e, ctx) -> {
            ctx.status(e.status());
            e.headers().forEach(ctx::header);
            PageErrors errors = pageErrors;
            if (errors != null && isPage(ctx) && e.status() >= 400) {
                errors.render(ctx, e.status(), e.getMessage());
            } else {
                ctx.json(e.body());
            }
        });
        app.exception(StoreException.NotFound.class, (e, ctx) -> ctx.status(HttpStatus.NOT_FOUND)
                .json(Map.of("error", e.getMessage())));
    }

    /** A registered route and the least role that may call it (the OpenAPI document and the tests list them). */
    record Route(String method, String path, Role role, String summary) {
    }

    private final java.util.List<Route> routes = new java.util.ArrayList<>();
    private final java.util.List<Route> pages = new java.util.ArrayList<>();

    /** Registers an API route for callers of {@code role} and above. */
    void route(HandlerType method, String path, Role role, String summary, io.javalin.http.Handler handler) {
        app.addHttpHandler(method, path, handler, new Access(role, false));
        routes.add(new Route(method.name(), path, role, summary));
    }

    /**
     * Registers a page of the web UI (or a form it posts to) for callers of {@code role} and above: a browser
     * without a session is sent to the sign-in page instead of getting 401.
     */
    @Override
    public void page(HandlerType method, String path, Role role, String summary, io.javalin.http.Handler handler) {
        app.addHttpHandler(method, path, handler, new Access(role, true));
        pages.add(new Route(method.name(), path, role, summary));
    }

    /** Registers what anyone may reach: the sign-in page and its form, nothing else. */
    @Override
    public void open(HandlerType method, String path, io.javalin.http.Handler handler) {
        app.addHttpHandler(method, path, handler, OPEN);
    }

    java.util.List<Route> routes() {
        return java.util.List.copyOf(routes);
    }

    java.util.List<Route> pages() {
        return java.util.List.copyOf(pages);
    }

    @Override
    public Sessions sessions() {
        return sessions;
    }

    @Override
    public void pageErrors(PageErrors errors) {
        this.pageErrors = errors;
    }

    /** Whether the service serves TLS: session cookies are Secure then. */
    @Override
    public boolean secure() {
        return tls != null;
    }

    Javalin javalin() {
        return app;
    }

    /** The caller the check before the route found (every route has one). */
    static Caller caller(Context ctx) {
        return ctx.attribute(CALLER);
    }

    private void authorize(Context ctx, CallerLookup callers) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.contains(OPEN) || roles.isEmpty() && ctx.path().startsWith("/static/")) {
            return; // the sign-in page, and the UI's stylesheet and script (Javalin checks static files here too)
        }
        Access access = roles.stream().filter(Access.class::isInstance).map(Access.class::cast).findFirst()
                .orElse(new Access(Role.ADMIN, false)); // a route registered without a role is the strictest, never open
        String header = ctx.header("Authorization");
        Optional<Caller> caller;
        Sessions.Session session = null;
        if (header != null) {
            caller = header.regionMatches(true, 0, "Bearer ", 0, 7) ? callers.byToken(header.substring(7).trim())
                    : Optional.empty();
        } else {
            session = sessions.find(ctx.cookie(Sessions.COOKIE)).orElse(null);
            caller = Optional.ofNullable(session).map(Sessions.Session::caller);
        }
        if (caller.isEmpty()) {
            if (access.page() && ctx.method() == HandlerType.GET) {
                String next = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
                throw new ApiException(HttpStatus.FOUND, "sign in first", Map.of("Location", "/login?next="
                        + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8)));
            }
            throw new ApiException(HttpStatus.UNAUTHORIZED, "a valid token is required: Authorization: Bearer TOKEN",
                    Map.of("WWW-Authenticate", "Bearer realm=\"cloudwarden\""));
        }
        if (session != null && changes(ctx.method())) {
            // a cookie rides along with any request a page elsewhere makes the browser send: the token proves the page
            String given = ctx.header(CSRF_HEADER);
            String type = ctx.contentType();
            if (given == null && type != null && (type.startsWith("application/x-www-form-urlencoded")
                    || type.startsWith("multipart/form-data"))) {
                given = ctx.formParam(CSRF_FIELD);
            }
            if (!Sessions.csrfMatches(session, given)) {
                throw new ApiException(HttpStatus.FORBIDDEN, "the request lacks this session's CSRF token (reload the "
                        + "page and try again)", Map.of());
            }
        }
        if (!caller.get().role().allows(access.role())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "this needs the " + access.role().id() + " role; you have "
                    + caller.get().role().id(), Map.of());
        }
        ctx.attribute(CALLER, caller.get());
        if (session != null) {
            ctx.attribute(SESSION, session);
        }
    }

    private static boolean isPage(Context ctx) {
        return ctx.routeRoles().stream().anyMatch(r -> r instanceof Access a && a.page());
    }

    private static boolean changes(HandlerType method) {
        return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
    }

    /** The session a browser's request came with (null for a token's request). */
    static Sessions.Session session(Context ctx) {
        return ctx.attribute(SESSION);
    }

    /**
     * How long the server took over the request, up to its response body (the store's reads, the page's rendering),
     * as a {@code Server-Timing} header: browsers' developer tools show it, and {@code bench pages} reads it.
     */
    private static void serverTiming(Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started != null) {
            ctx.header("Server-Timing", String.format(java.util.Locale.ROOT, "app;dur=%.1f",
                    (System.nanoTime() - started) / 1e6));
        }
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
        // the UI's pages load their own scripts and styles only: no inline script or style, nothing from elsewhere; a
        // route that serves a document of its own (the landscape report: inline style, no script) sets its own
        if (ctx.res().getHeader("Content-Security-Policy") == null) {
            ctx.header("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
                    + "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
        }
        ctx.header("Referrer-Policy", "no-referrer");
    }

    /** A route's least role, and whether it is a page of the UI, as Javalin carries them. */
    record Access(Role role, boolean page) implements RouteRole {
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
