package dev.cloudwarden.app.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Comments on alerts and incidents; an edit keeps the earlier text ({@code comment_edits}). */
final class Comments {
    private final Connections connections;
    private final AuditLog audit;
    private final Clock clock;

    Comments(Connections connections, AuditLog audit, Clock clock) {
        this.connections = connections;
        this.audit = audit;
        this.clock = clock;
    }

    Comment add(String actor, TargetKind kind, String targetId, String body) {
        AuditLog.requireActor(actor);
        requireBody(body);
        String table = Triage.table(kind);
        return connections.write("add a comment", c -> {
            if (!Triage.missing(c, table, List.of(targetId)).isEmpty()) {
                throw new StoreException.NotFound(kind, List.of(targetId));
            }
            long id = Sql.nextId(c, "comment_ids");
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO comments (id, target_kind, target_id, author, body, "
                    + "created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, id);
                ps.setString(2, kind.id());
                ps.setString(3, targetId);
                ps.setString(4, actor);
                ps.setString(5, body);
                Sql.setTime(ps, 6, now);
                ps.executeUpdate();
            }
            audit.record(c, actor, "comment.add", kind, targetId, null, Map.of("comment_id", id, "body", body));
            return new Comment(id, kind, targetId, actor, body, Sql.micros(now), null);
        });
    }

    Comment edit(String actor, long commentId, String body) {
        AuditLog.requireActor(actor);
        requireBody(body);
        return connections.write("edit a comment", c -> {
            Comment was = find(c, commentId).orElseThrow(
                    () -> new StoreException.NotFound(TargetKind.COMMENT, List.of(Long.toString(commentId))));
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO comment_edits (comment_id, edited_at, editor, previous_body) VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, commentId);
                Sql.setTime(ps, 2, now);
                ps.setString(3, actor);
                ps.setString(4, was.body());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE comments SET body = ?, edited_at = ? WHERE id = ?")) {
                ps.setString(1, body);
                Sql.setTime(ps, 2, now);
                ps.setLong(3, commentId);
                ps.executeUpdate();
            }
            audit.record(c, actor, "comment.edit", TargetKind.COMMENT, Long.toString(commentId),
                    Map.of("body", was.body()), Map.of("body", body));
            return new Comment(commentId, was.targetKind(), was.targetId(), was.author(), body, was.created(), Sql.micros(now));
        });
    }

    Optional<Comment> one(long id) {
        return connections.read("read a comment", c -> find(c, id));
    }

    List<Comment> of(TargetKind kind, String targetId) {
        return connections.read("list comments", c -> of(c, kind, targetId));
    }

    static List<Comment> of(Connection c, TargetKind kind, String targetId) throws SQLException {
        return query(c, "SELECT * FROM comments WHERE target_kind = ? AND target_id = ? ORDER BY created_at, id",
                List.of(kind.id(), targetId));
    }

    List<CommentEdit> history(long commentId) {
        return connections.read("read a comment's history", c -> {
            List<CommentEdit> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM comment_edits WHERE comment_id = ? ORDER BY edited_at")) {
                ps.setLong(1, commentId);
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        out.add(new CommentEdit(commentId, Sql.instant(r, "edited_at"), r.getString("editor"),
                                r.getString("previous_body")));
                    }
                }
            }
            return out;
        });
    }

    /** Moves every comment of one incident to another (a merge). */
    static void move(Connection c, TargetKind kind, String from, String to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE comments SET target_id = ? WHERE target_kind = ? AND target_id = ?")) {
            ps.setString(1, to);
            ps.setString(2, kind.id());
            ps.setString(3, from);
            ps.executeUpdate();
        }
    }

    private static Optional<Comment> find(Connection c, long id) throws SQLException {
        return query(c, "SELECT * FROM comments WHERE id = ?", List.of(id)).stream().findFirst();
    }

    private static List<Comment> query(Connection c, String sql, List<Object> params) throws SQLException {
        List<Comment> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, params);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.add(new Comment(r.getLong("id"), TargetKind.parse(r.getString("target_kind")).orElseThrow(),
                            r.getString("target_id"), r.getString("author"), r.getString("body"),
                            Sql.instant(r, "created_at"), Sql.instant(r, "edited_at")));
                }
            }
        }
        return out;
    }

    private static void requireBody(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("a comment needs text");
        }
    }
}
