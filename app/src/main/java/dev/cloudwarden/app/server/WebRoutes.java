package dev.cloudwarden.app.server;

import dev.cloudwarden.app.store.Role;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * What the web UI registers its pages through: the API's server, its roles, its sessions. A page answers a browser
 * without a session by sending it to sign in; a form posted with a session must carry the session's CSRF token
 * (field {@value ApiServer#CSRF_FIELD} or header {@value ApiServer#CSRF_HEADER}), checked before the handler runs.
 */
public interface WebRoutes {
    void page(HandlerType method, String path, Role role, String summary, Handler handler);

    /** What anyone may reach: the sign-in page and its form. */
    void open(HandlerType method, String path, Handler handler);

    Sessions sessions();

    /** Whether the service serves TLS (session cookies are Secure then). */
    boolean secure();

    /** Who made a page's request (set by the check before every page). */
    static Caller caller(Context ctx) {
        return ApiServer.caller(ctx);
    }

    /** The session a page's request came with. */
    static Sessions.Session session(Context ctx) {
        return ApiServer.session(ctx);
    }

    /** How a failed page request is shown (an HTML page instead of the API's JSON error). */
    void pageErrors(PageErrors errors);

    @FunctionalInterface
    interface PageErrors {
        void render(Context ctx, int status, String message);
    }
}
