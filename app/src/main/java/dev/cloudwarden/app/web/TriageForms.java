package dev.cloudwarden.app.web;

import dev.cloudwarden.app.server.ApiException;
import dev.cloudwarden.app.server.CommentRules;
import dev.cloudwarden.app.server.WebRoutes;
import dev.cloudwarden.app.store.Comment;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.app.store.TargetKind;
import dev.cloudwarden.app.store.TriagePatch;
import dev.cloudwarden.app.store.TriageStatus;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * The forms that change alerts and incidents, the same for both: triage of one (status, assignee), of those checked
 * in a list, and a comment. Each change goes through the store, which audits it; then the browser goes back to the
 * page it came from (post, redirect, get: a reload never sends a form twice).
 */
final class TriageForms {
    private final PlatformStore store;
    private final TargetKind kind;
    private final String base;

    /** @param base the list's path ({@code /incidents}); one item is {@code base/{id}} */
    TriageForms(PlatformStore store, TargetKind kind, String base) {
        this.store = store;
        this.kind = kind;
        this.base = base;
    }

    void register(WebRoutes routes) {
        String what = kind.id();
        routes.page(HandlerType.POST, base + "/triage", Role.ANALYST, "Triage the " + what + "s checked", this::many);
        routes.page(HandlerType.POST, base + "/{id}/triage", Role.ANALYST, "Triage one " + what, this::one);
        routes.page(HandlerType.POST, base + "/{id}/comments", Role.ANALYST, "Comment on one " + what, this::comment);
        routes.page(HandlerType.POST, base + "/{id}/comments/{comment}", Role.ANALYST,
                "Edit a comment on one " + what + " (its author, or an admin)", this::editComment);
    }

    private void one(Context ctx) {
        String id = ctx.pathParam("id");
        triage(ctx, List.of(id));
        ctx.redirect(base + "/" + Fmt.path(id), HttpStatus.SEE_OTHER);
    }

    private void many(Context ctx) {
        List<String> ids = ctx.formParams("ids");
        if (ids.isEmpty()) {
            throw ApiException.badRequest("check at least one " + kind.id());
        }
        triage(ctx, List.copyOf(new LinkedHashSet<>(ids)));
        String back = SignIn.localPath(ctx.formParam("back"));
        ctx.redirect(back != null && back.startsWith(base) ? back : base, HttpStatus.SEE_OTHER);
    }

    private void triage(Context ctx, List<String> ids) {
        String actor = WebRoutes.caller(ctx).name();
        TriagePatch patch = patch(ctx);
        if (kind == TargetKind.INCIDENT) {
            store.triageIncidents(actor, ids, patch);
        } else {
            store.triageAlerts(actor, ids, patch);
        }
    }

    /** The form's status and assignee; an empty field leaves that part as it is, {@code -} unassigns. */
    private static TriagePatch patch(Context ctx) {
        TriagePatch patch = new TriagePatch(null, false, null, null);
        String status = ctx.formParam("status");
        if (status != null && !status.isBlank()) {
            patch = patch.andStatus(TriageStatus.parse(status).orElseThrow(() -> ApiException.badRequest(
                    "status must be one of " + IncidentQueue.STATUSES)));
        }
        String assignee = ctx.formParam("assignee");
        if (assignee != null && !assignee.isBlank()) {
            patch = assignee.trim().equals("-") ? patch.andUnassign() : patch.andAssign(assignee.trim());
        }
        if (patch.isEmpty()) {
            throw ApiException.badRequest("choose a status or an assignee");
        }
        return patch;
    }

    private void comment(Context ctx) {
        String id = ctx.pathParam("id");
        String body = ctx.formParam("body");
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("a comment needs some text");
        }
        store.addComment(WebRoutes.caller(ctx).name(), kind, id, body.strip());
        ctx.redirect(base + "/" + Fmt.path(id) + "#comments", HttpStatus.SEE_OTHER);
    }

    private void editComment(Context ctx) {
        String id = ctx.pathParam("id");
        long commentId;
        try {
            commentId = Long.parseLong(ctx.pathParam("comment"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("no comment " + ctx.pathParam("comment"));
        }
        Comment c = CommentRules.editable(WebRoutes.caller(ctx), store.comment(commentId), commentId);
        if (c.targetKind() != kind || !c.targetId().equals(id)) {
            throw ApiException.notFound("no comment " + commentId + " on " + kind.id() + " " + id);
        }
        String body = ctx.formParam("body");
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("a comment needs some text");
        }
        store.editComment(WebRoutes.caller(ctx).name(), commentId, body.strip());
        ctx.redirect(base + "/" + Fmt.path(id) + "#comment-" + commentId, HttpStatus.SEE_OTHER);
    }
}
