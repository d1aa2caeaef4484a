package dev.cloudwarden.app.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Local users: added, given a new password or disabled, each change audited (without the hash). */
final class Users {
    private final Connections connections;
    private final AuditLog audit;
    private final Clock clock;

    Users(Connections connections, AuditLog audit, Clock clock) {
        this.connections = connections;
        this.audit = audit;
        this.clock = clock;
    }

    StoredUser add(String actor, String name, Role role, String passwordHash) {
        AuditLog.requireActor(actor);
        if (name == null || name.isBlank() || name.length() > 200 || !name.strip().equals(name)) {
            throw new IllegalArgumentException("a user name is 1-200 characters without spaces around it");
        }
        return connections.write("add a user", c -> {
            if (find(c, name).isPresent()) {
                throw new IllegalArgumentException("there is a user named " + name + " already");
            }
            StoredUser u = new StoredUser(name, role, passwordHash, Sql.micros(clock.instant()), null);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (name, role, password_hash, created_at) "
                    + "VALUES (?, ?, ?, ?)")) {
                ps.setString(1, name);
                ps.setString(2, role.id());
                ps.setString(3, passwordHash);
                Sql.setTime(ps, 4, u.created());
                ps.executeUpdate();
            }
            audit.record(c, actor, "user.add", TargetKind.USER, name, null, json(u));
            return u;
        });
    }

    StoredUser setPassword(String actor, String name, String passwordHash) {
        return change(actor, name, "user.password", "UPDATE users SET password_hash = ? WHERE name = ?", passwordHash);
    }

    StoredUser disable(String actor, String name) {
        return change(actor, name, "user.disable", "UPDATE users SET disabled_at = ? WHERE name = ?", null);
    }

    private StoredUser change(String actor, String name, String action, String sql, String hash) {
        AuditLog.requireActor(actor);
        return connections.write(action, c -> {
            StoredUser was = find(c, name).orElseThrow(() -> new StoreException.NotFound(TargetKind.USER, List.of(name)));
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (hash != null) {
                    ps.setString(1, hash);
                } else {
                    Sql.setTime(ps, 1, Sql.micros(clock.instant()));
                }
                ps.setString(2, name);
                ps.executeUpdate();
            }
            StoredUser now = find(c, name).orElseThrow();
            audit.record(c, actor, action, TargetKind.USER, name, json(was), json(now));
            return now;
        });
    }

    Optional<StoredUser> find(String name) {
        return connections.read("read a user", c -> find(c, name));
    }

    List<StoredUser> list() {
        return connections.read("list users", c -> query(c, "SELECT * FROM users ORDER BY name", null));
    }

    private static Optional<StoredUser> find(Connection c, String name) throws SQLException {
        return query(c, "SELECT * FROM users WHERE name = ?", name).stream().findFirst();
    }

    private static List<StoredUser> query(Connection c, String sql, String name) throws SQLException {
        List<StoredUser> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (name != null) {
                ps.setString(1, name);
            }
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.add(new StoredUser(r.getString("name"), Role.parse(r.getString("role")).orElseThrow(),
                            r.getString("password_hash"), Sql.instant(r, "created_at"), Sql.instant(r, "disabled_at")));
                }
            }
        }
        return out;
    }

    /** What the audit log keeps of a user: never the hash (a new password shows as the action user.password). */
    private static Map<String, Object> json(StoredUser u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", u.role().id());
        m.put("disabled", u.disabled() == null ? null : u.disabled().toString());
        return m;
    }
}
