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

/** API tokens by the SHA-256 of their text; creation and revocation are audited. */
final class Tokens {
    private final Connections connections;
    private final AuditLog audit;
    private final Clock clock;

    Tokens(Connections connections, AuditLog audit, Clock clock) {
        this.connections = connections;
        this.audit = audit;
        this.clock = clock;
    }

    ApiToken create(String actor, String name, Role role, String sha256Hex) {
        AuditLog.requireActor(actor);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a token needs a name");
        }
        if (sha256Hex == null || !sha256Hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a token is stored by its SHA-256 in lower-case hex (ApiTokens.hash)");
        }
        return connections.write("create a token", c -> {
            long id = Sql.nextId(c, "token_ids");
            Instant now = Sql.micros(clock.instant());
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO api_tokens (id, name, role, token_sha256, created_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setLong(1, id);
                ps.setString(2, name);
                ps.setString(3, role.id());
                ps.setString(4, sha256Hex);
                Sql.setTime(ps, 5, now);
                ps.executeUpdate();
            }
            ApiToken t = new ApiToken(id, name, role, now, null, null);
            audit.record(c, actor, "token.create", TargetKind.TOKEN, Long.toString(id), null, json(t));
            return t;
        });
    }

    Optional<ApiToken> authenticate(String sha256Hex) {
        return connections.write("check a token", c -> {
            Optional<ApiToken> found = query(c, "SELECT * FROM api_tokens WHERE token_sha256 = ? AND revoked_at IS NULL",
                    sha256Hex).stream().findFirst();
            if (found.isEmpty()) {
                return found;
            }
            Instant now = Sql.micros(clock.instant());
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_tokens SET last_used_at = ? WHERE id = ?")) {
                Sql.setTime(ps, 1, now);
                ps.setLong(2, found.get().id());
                ps.executeUpdate();
            }
            ApiToken t = found.get();
            return Optional.of(new ApiToken(t.id(), t.name(), t.role(), t.created(), now, null));
        });
    }

    List<ApiToken> list() {
        return connections.read("list tokens", c -> query(c, "SELECT * FROM api_tokens ORDER BY id", null));
    }

    ApiToken revoke(String actor, long id) {
        AuditLog.requireActor(actor);
        return connections.write("revoke a token", c -> {
            ApiToken was = query(c, "SELECT * FROM api_tokens WHERE id = ?", id).stream().findFirst()
                    .orElseThrow(() -> new StoreException.NotFound(TargetKind.TOKEN, List.of(Long.toString(id))));
            if (was.isRevoked()) {
                return was;
            }
            Instant now = Sql.micros(clock.instant());
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_tokens SET revoked_at = ? WHERE id = ?")) {
                Sql.setTime(ps, 1, now);
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            ApiToken t = new ApiToken(was.id(), was.name(), was.role(), was.created(), was.lastUsed(), now);
            audit.record(c, actor, "token.revoke", TargetKind.TOKEN, Long.toString(id), json(was), json(t));
            return t;
        });
    }

    private static Map<String, Object> json(ApiToken t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("role", t.role().id());
        m.put("revoked", t.revoked() == null ? null : t.revoked().toString());
        return m;
    }

    private static List<ApiToken> query(Connection c, String sql, Object param) throws SQLException {
        List<ApiToken> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setObject(1, param);
            }
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.add(new ApiToken(r.getLong("id"), r.getString("name"),
                            Role.parse(r.getString("role")).orElseThrow(() -> new StoreException("unknown role in the store")),
                            Sql.instant(r, "created_at"), Sql.instant(r, "last_used_at"), Sql.instant(r, "revoked_at")));
                }
            }
        }
        return out;
    }
}
