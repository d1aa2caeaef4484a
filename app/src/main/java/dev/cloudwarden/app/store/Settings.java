package dev.cloudwarden.app.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Suppressions and saved hunts: what analysts configure, each change audited. */
final class Settings {
    private final Connections connections;
    private final AuditLog audit;
    private final Clock clock;

    Settings(Connections connections, AuditLog audit, Clock clock) {
        this.connections = connections;
        this.audit = audit;
        this.clock = clock;
    }

    StoredSuppression addSuppression(String actor, String title, List<String> rules, String selection, String reason,
                                     Instant expires) {
        AuditLog.requireActor(actor);
        if (title == null || title.isBlank() || rules.isEmpty() || selection == null || selection.isBlank()
                || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a suppression needs a title, rules, a selection and a reason");
        }
        return connections.write("add a suppression", c -> {
            long id = Sql.nextId(c, "suppression_ids");
            Instant now = Sql.micros(clock.instant());
            StoredSuppression s = new StoredSuppression(id, title, rules, selection, reason, Sql.micros(expires), actor, now);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO suppressions (id, title, rules_json, selection, reason, "
                    + "expires_at, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, id);
                ps.setString(2, title);
                ps.setString(3, Sql.jsonList(s.rules()));
                ps.setString(4, selection);
                ps.setString(5, reason);
                Sql.setTime(ps, 6, expires);
                ps.setString(7, actor);
                Sql.setTime(ps, 8, now);
                ps.executeUpdate();
            }
            audit.record(c, actor, "suppression.add", TargetKind.SUPPRESSION, Long.toString(id), null, json(s));
            return s;
        });
    }

    List<StoredSuppression> suppressions() {
        return connections.read("list suppressions", c -> suppressions(c, "SELECT * FROM suppressions ORDER BY id", null));
    }

    void deleteSuppression(String actor, long id) {
        AuditLog.requireActor(actor);
        connections.write("delete a suppression", c -> {
            StoredSuppression s = suppressions(c, "SELECT * FROM suppressions WHERE id = ?", id).stream().findFirst()
                    .orElseThrow(() -> new StoreException.NotFound(TargetKind.SUPPRESSION, List.of(Long.toString(id))));
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM suppressions WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            audit.record(c, actor, "suppression.delete", TargetKind.SUPPRESSION, Long.toString(id), json(s), null);
            return null;
        });
    }

    private static Map<String, Object> json(StoredSuppression s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", s.title());
        m.put("rules", s.rules());
        m.put("selection", s.selection());
        m.put("reason", s.reason());
        m.put("expires", s.expires() == null ? null : s.expires().toString());
        return m;
    }

    private static List<StoredSuppression> suppressions(Connection c, String sql, Long id) throws SQLException {
        List<StoredSuppression> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (id != null) {
                ps.setLong(1, id);
            }
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.add(new StoredSuppression(r.getLong("id"), r.getString("title"), Sql.list(r.getString("rules_json")),
                            r.getString("selection"), r.getString("reason"), Sql.instant(r, "expires_at"),
                            r.getString("author"), Sql.instant(r, "created_at")));
                }
            }
        }
        return out;
    }

    SavedHunt saveHunt(String actor, String name, SavedHunt.Kind kind, String query) {
        AuditLog.requireActor(actor);
        if (name == null || name.isBlank() || query == null || query.isBlank()) {
            throw new IllegalArgumentException("a saved hunt needs a name and a query");
        }
        return connections.write("save a hunt", c -> {
            Optional<SavedHunt> was = hunt(c, name);
            Instant now = Sql.micros(clock.instant());
            SavedHunt h = new SavedHunt(name, kind, query, was.map(SavedHunt::owner).orElse(actor),
                    was.map(SavedHunt::created).orElse(now), now);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO saved_hunts (name, kind, query_text, owner, created_at, "
                    + "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, "
                    + "query_text = excluded.query_text, updated_at = excluded.updated_at")) {
                ps.setString(1, name);
                ps.setString(2, kind.id());
                ps.setString(3, query);
                ps.setString(4, h.owner());
                Sql.setTime(ps, 5, h.created());
                Sql.setTime(ps, 6, now);
                ps.executeUpdate();
            }
            audit.record(c, actor, "hunt.save", TargetKind.HUNT, name, was.map(Settings::json).orElse(null), json(h));
            return h;
        });
    }

    List<SavedHunt> hunts() {
        return connections.read("list saved hunts", c -> hunts(c, "SELECT * FROM saved_hunts ORDER BY name", null));
    }

    Optional<SavedHunt> hunt(String name) {
        return connections.read("read a saved hunt", c -> hunt(c, name));
    }

    void deleteHunt(String actor, String name) {
        AuditLog.requireActor(actor);
        connections.write("delete a saved hunt", c -> {
            SavedHunt h = hunt(c, name).orElseThrow(() -> new StoreException.NotFound(TargetKind.HUNT, List.of(name)));
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM saved_hunts WHERE name = ?")) {
                ps.setString(1, name);
                ps.executeUpdate();
            }
            audit.record(c, actor, "hunt.delete", TargetKind.HUNT, name, json(h), null);
            return null;
        });
    }

    private static Map<String, Object> json(SavedHunt h) {
        return Map.of("kind", h.kind().id(), "query", h.query(), "owner", h.owner());
    }

    private static Optional<SavedHunt> hunt(Connection c, String name) throws SQLException {
        return hunts(c, "SELECT * FROM saved_hunts WHERE name = ?", name).stream().findFirst();
    }

    private static List<SavedHunt> hunts(Connection c, String sql, String name) throws SQLException {
        List<SavedHunt> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (name != null) {
                ps.setString(1, name);
            }
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.add(new SavedHunt(r.getString("name"), SavedHunt.Kind.of(r.getString("kind")), r.getString("query_text"),
                            r.getString("owner"), Sql.instant(r, "created_at"), Sql.instant(r, "updated_at")));
                }
            }
        }
        return out;
    }
}
