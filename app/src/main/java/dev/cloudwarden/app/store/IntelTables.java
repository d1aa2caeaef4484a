package dev.cloudwarden.app.store;

import dev.cloudwarden.app.intel.store.StoreRecords;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads of the intel tables (migration 1: feeds, indicators, sightings) in SQL both stores run: for the service's
 * intel page, and for the intel store's own listing of its feeds.
 */
public final class IntelTables {
    private IntelTables() {
    }

    /** The feeds imported, by name, with their last import's counts. */
    public static List<StoreRecords.Feed> feeds(Connection c) throws SQLException {
        List<StoreRecords.Feed> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT name, kind, url, added_after, last_import_at, last_imported, "
                     + "last_updated, last_unchanged, last_skipped, last_expired, last_problems FROM intel_feeds ORDER BY name")) {
            while (r.next()) {
                out.add(new StoreRecords.Feed(r.getString("name"), r.getString("kind"), r.getString("url"),
                        r.getString("added_after"), Sql.instant(r, "last_import_at"), r.getLong("last_imported"),
                        r.getLong("last_updated"), r.getLong("last_unchanged"), r.getLong("last_skipped"),
                        r.getLong("last_expired"), r.getLong("last_problems")));
            }
        }
        return out;
    }

    /** The {@code limit} indicators sighted most (by the scans that recorded sightings), with their type and value. */
    static List<IntelSighting> sightings(Connection c, int limit) throws SQLException {
        List<IntelSighting> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT s.source, s.indicator_id, i.type, i.value, s.count, "
                + "s.first_seen, s.last_seen FROM intel_sightings s LEFT JOIN intel_indicators i "
                + "ON i.source = s.source AND i.id = s.indicator_id "
                + "ORDER BY s.count DESC, s.source, s.indicator_id LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.add(new IntelSighting(r.getString("source"), r.getString("indicator_id"), r.getString("type"),
                            r.getString("value"), r.getLong("count"), Sql.instant(r, "first_seen"),
                            Sql.instant(r, "last_seen")));
                }
            }
        }
        return out;
    }

    /**
     * Alerts per rule among the rules whose ids start with {@code prefix} (the intel matcher's rules), most first: a
     * range of the rule column, which PostgreSQL reads from its rule index instead of counting every alert.
     */
    static Map<String, Long> alertsByRulePrefix(Connection c, String prefix, int limit) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT rule_id, count(*) AS n FROM alerts WHERE rule_id >= ? "
                + "AND rule_id < ? GROUP BY rule_id ORDER BY n DESC, rule_id LIMIT ?")) {
            ps.setString(1, prefix);
            ps.setString(2, prefix + Character.MAX_VALUE);
            ps.setInt(3, limit);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return out;
    }
}
