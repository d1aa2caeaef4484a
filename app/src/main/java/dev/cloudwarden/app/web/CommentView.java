package dev.cloudwarden.app.web;

import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.TargetKind;

import java.util.List;

/** A comment as a page shows it and, when it was edited, its earlier texts (newest first). */
public record CommentView(long id, String author, String body, String created, List<String> earlier) {
    /** The comments on one alert or incident, oldest first, each with its history. */
    static List<CommentView> on(PlatformStore store, TargetKind kind, String id) {
        return store.comments(kind, id).stream().map(c -> new CommentView(c.id(), Fmt.visible(c.author()),
                Fmt.visible(c.body()), Fmt.time(c.created()), c.edited() == null ? List.of()
                : store.commentHistory(c.id()).stream().map(e -> Fmt.visible(e.previousBody())).toList())).toList();
    }
}
