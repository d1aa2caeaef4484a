package dev.cloudwarden.app.store;

import java.time.Instant;

/** A comment on an alert or incident; {@code edited} is null until it is edited (see {@link CommentEdit}). */
public record Comment(long id, TargetKind targetKind, String targetId, String author, String body, Instant created,
                      Instant edited) {
}
