package dev.cloudwarden.app.web;

import dev.cloudwarden.app.server.Caller;
import dev.cloudwarden.app.server.CallerLookup;
import dev.cloudwarden.app.server.Sessions;
import dev.cloudwarden.app.server.WebRoutes;
import dev.cloudwarden.app.store.Passwords;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.app.store.StoredUser;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Signing in to the UI, with an API token or a local user's password, and out. A session cookie is HttpOnly,
 * SameSite=Strict and, under TLS, Secure. The sign-in form itself carries a token that must match a cookie of its
 * own (a page elsewhere cannot sign a browser in to an attacker's account), and failures are throttled per address.
 */
final class SignIn {
    private static final Logger LOG = LoggerFactory.getLogger(SignIn.class);
    static final String FORM_COOKIE = "cw_signin";

    private final WebRoutes routes;
    private final PlatformStore store;
    private final CallerLookup tokens;
    private final SignInThrottle throttle;
    private final Templates templates;
    private final SecureRandom random = new SecureRandom();

    SignIn(WebRoutes routes, PlatformStore store, CallerLookup tokens, SignInThrottle throttle, Templates templates) {
        this.routes = routes;
        this.store = store;
        this.tokens = tokens;
        this.throttle = throttle;
        this.templates = templates;
    }

    void register() {
        routes.open(HandlerType.GET, "/login", this::form);
        routes.open(HandlerType.POST, "/login", this::signIn);
        routes.page(HandlerType.POST, "/logout", Role.VIEWER, "Sign out", this::signOut);
        routes.page(HandlerType.GET, "/", Role.VIEWER, "The incident queue", ctx -> ctx.redirect("/incidents"));
    }

    private void form(Context ctx) {
        show(ctx, null, HttpStatus.OK);
    }

    private void show(Context ctx, String error, HttpStatus status) {
        String formToken = token();
        ctx.cookie(cookie(FORM_COOKIE, formToken, -1));
        ctx.status(status);
        templates.render(ctx, "login.jte", new SignInForm(localPath(ctx.queryParam("next")), error, formToken));
    }

    private void signIn(Context ctx) {
        String address = ctx.ip();
        String given = ctx.formParam("form_token");
        String expected = ctx.cookie(FORM_COOKIE);
        if (given == null || expected == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8))) {
            show(ctx, "The sign-in form expired; please try again.", HttpStatus.FORBIDDEN);
            return;
        }
        if (!throttle.allows(address)) {
            show(ctx, "Too many failed sign-ins from this address; wait a few minutes.", HttpStatus.TOO_MANY_REQUESTS);
            return;
        }
        Optional<Caller> caller = check(ctx.formParam("token"), ctx.formParam("username"), ctx.formParam("password"));
        if (caller.isEmpty()) {
            throttle.failed(address);
            LOG.info("failed sign-in from {}", address);
            show(ctx, "That token, or that name and password, is not known.", HttpStatus.UNAUTHORIZED);
            return;
        }
        throttle.succeeded(address);
        Sessions.Session s = routes.sessions().open(caller.get());
        ctx.removeCookie(FORM_COOKIE, "/");
        ctx.cookie(cookie(Sessions.COOKIE, s.id(), -1));
        LOG.info("{} signed in from {}", caller.get().name(), address);
        String next = localPath(ctx.formParam("next"));
        ctx.redirect(next != null ? next : "/incidents", HttpStatus.SEE_OTHER);
    }

    /** A token's caller, or a local user's whose password matches; every path spends about the same time. */
    private Optional<Caller> check(String token, String user, String password) {
        if (token != null && !token.isBlank()) {
            return tokens.byToken(token.trim());
        }
        if (user == null || user.isBlank() || password == null) {
            return Optional.empty();
        }
        Optional<StoredUser> u = store.user(user.trim());
        if (u.isEmpty() || u.get().isDisabled()) {
            Passwords.matchNothing(password);
            return Optional.empty();
        }
        return Passwords.matches(password, u.get().passwordHash())
                ? Optional.of(new Caller(u.get().name(), u.get().role())) : Optional.empty();
    }

    private void signOut(Context ctx) {
        Sessions.Session s = WebRoutes.session(ctx);
        if (s != null) {
            routes.sessions().close(s.id());
        }
        ctx.removeCookie(Sessions.COOKIE, "/");
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    private Cookie cookie(String name, String value, int maxAge) {
        return new Cookie(name, value, "/", maxAge, routes.secure(), 0, true, null, null, SameSite.STRICT);
    }

    /** Where to go after signing in: a path of this site only (never //host or a scheme), else null. */
    static String localPath(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            return null;
        }
        return next;
    }

    private String token() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
