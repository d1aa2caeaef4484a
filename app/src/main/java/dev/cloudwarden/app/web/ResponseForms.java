package dev.cloudwarden.app.web;

import dev.cloudwarden.app.server.ApiException;
import dev.cloudwarden.app.server.WebRoutes;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.ResponseEvent;
import dev.cloudwarden.app.store.ResponseStep;
import dev.cloudwarden.app.store.Role;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;

/**
 * Approving a response step from an incident's page: a responder's approval, audited in the response's trail; the
 * next run ({@code cloudwarden respond ID --execute}) carries the step out.
 */
final class ResponseForms {
    private final PlatformStore store;

    ResponseForms(PlatformStore store) {
        this.store = store;
    }

    void register(WebRoutes routes) {
        routes.page(HandlerType.POST, "/incidents/{id}/response/approve", Role.RESPONDER,
                "Approve a response step that waits for it", this::approve);
    }

    private void approve(Context ctx) {
        String id = ctx.pathParam("id");
        String responseId = ctx.formParam("response");
        String stepId = ctx.formParam("step");
        ResponseStep waiting = store.responseStepsOfIncident(id).stream()
                .filter(s -> s.responseId().equals(responseId) && s.stepId().equals(stepId)
                        && s.status().equals(ResponseStep.WAITING_APPROVAL))
                .findFirst().orElseThrow(() -> ApiException.badRequest("no step " + stepId + " of this incident waits for an approval"));
        store.approveResponseStep(ResponseEvent.of(WebRoutes.caller(ctx).name(), id, waiting.responseId(),
                waiting.playbookId(), waiting.stepId(), null, "approved", "approved on the incident's page"));
        ctx.redirect("/incidents/" + Fmt.path(id) + "#response", HttpStatus.SEE_OTHER);
    }
}
