package dev.cloudwarden.app.web;

import dev.cloudwarden.app.server.Caller;
import dev.cloudwarden.app.server.CommentRules;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.TargetKind;

import java.util.List;

/**
 * A comment as a page shows it and, when it was edited, its earlier texts (oldest first).
 *
 * @param text     the text as written, for the edit form's field (the page shows {@code body})
 * @param editable whether the viewer may edit it (its author, or an admin)
 */
public record CommentView(long id, String author, String body, String created, List<String> earlier, String text,
                          boolean editable) {
    /** The comments on one alert or incident, oldest first, each with its history, as {@code viewer} sees them. */
    static List<CommentView> on(PlatformStore store, TargetKind kind, String id, Caller viewer) {
        return store.comments(kind, id).stream().map(c -> new CommentView(c.id(), Fmt.visible(c.author()),
                Fmt.visible(c.body()), Fmt.time(c.created()), c.edited() == null ? List.of()
                : store.commentHistory(c.id()).stream().map(e -> Fmt.visible(e.previousBody())).toList(),
                c.body(), viewer.role().allows(dev.cloudwarden.app.store.Role.ANALYST) && CommentRules.mayEdit(viewer, c)))
                .toList();
    }
}
