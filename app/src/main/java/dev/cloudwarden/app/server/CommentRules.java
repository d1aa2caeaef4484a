package dev.cloudwarden.app.server;

import dev.cloudwarden.app.store.Comment;
import dev.cloudwarden.app.store.Role;

/** Who may change a comment: its author, or an admin (a comment speaks for its author; nobody else rewrites it). */
public final class CommentRules {
    private CommentRules() {
    }

    public static boolean mayEdit(Caller caller, Comment comment) {
        return caller.name().equals(comment.author()) || caller.role().allows(Role.ADMIN);
    }

    /** The comment, when {@code caller} may edit it: else a 403 (or a 404 when there is none). */
    public static Comment editable(Caller caller, java.util.Optional<Comment> comment, long id) {
        Comment c = comment.orElseThrow(() -> ApiException.notFound("no comment " + id));
        if (!mayEdit(caller, c)) {
            throw new ApiException(io.javalin.http.HttpStatus.FORBIDDEN,
                    "only the comment's author or an admin may edit it", java.util.Map.of());
        }
        return c;
    }
}
