package dev.cloudwarden.app.store;

import java.time.Instant;

/** An earlier text of an edited comment: what it said before {@code editor} changed it at {@code editedAt}. */
public record CommentEdit(long commentId, Instant editedAt, String editor, String previousBody) {
}
