package dev.cloudwarden.app.intel.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's schema as an ordered list of migrations, applied once each and recorded in
 * {@code schema_migrations}. A new version appends a migration; a shipped one never changes. A store written by
 * a newer CloudWarden (a version this list does not know) is refused rather than misread.
 */
final class StoreMigrations {
    record Migration(int version, String description, List<String> statements) {
    }

    static final List<Migration> ALL = List.of(
            new Migration(1, "intel: indicators, feeds, sightings", List.of(
                    """
                    CREATE TABLE intel_indicators (
                        source            VARCHAR NOT NULL,
                        id                VARCHAR NOT NULL,
                        type              VARCHAR NOT NULL,
                        value             VARCHAR NOT NULL,
                        confidence        INTEGER,
                        labels            VARCHAR[] NOT NULL,
                        valid_from        TIMESTAMP,
                        valid_until       TIMESTAMP,
                        kill_chain_phases VARCHAR[] NOT NULL,
                        description       VARCHAR,
                        imported_at       TIMESTAMP NOT NULL,
                        updated_at        TIMESTAMP NOT NULL,
                        expired_at        TIMESTAMP,
                        PRIMARY KEY (source, id))""",
                    """
                    CREATE TABLE intel_feeds (
                        name           VARCHAR PRIMARY KEY,
                        kind           VARCHAR NOT NULL,
                        url            VARCHAR,
                        added_after    VARCHAR,
                        last_import_at TIMESTAMP,
                        last_imported  BIGINT,
                        last_updated   BIGINT,
                        last_unchanged BIGINT,
                        last_skipped   BIGINT,
                        last_expired   BIGINT,
                        last_problems  BIGINT)""",
                    """
                    CREATE TABLE intel_sightings (
                        source       VARCHAR NOT NULL,
                        indicator_id VARCHAR NOT NULL,
                        count        BIGINT NOT NULL,
                        first_seen   TIMESTAMP NOT NULL,
                        last_seen    TIMESTAMP NOT NULL,
                        PRIMARY KEY (source, indicator_id))""")));

    private StoreMigrations() {
    }

    /** Brings the schema up to the latest version; returns that version. */
    static int apply(Connection c, String where) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                    + "description VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)");
            int current;
            try (ResultSet r = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_migrations")) {
                r.next();
                current = r.getInt(1);
            }
            int latest = ALL.get(ALL.size() - 1).version();
            if (current > latest) {
                throw new SQLException(where + " has schema version " + current + ", newer than this CloudWarden knows ("
                        + latest + "); use a newer CloudWarden or another --store");
            }
            for (Migration m : ALL) {
                if (m.version() <= current) {
                    continue;
                }
                c.setAutoCommit(false);
                try {
                    for (String sql : m.statements()) {
                        s.execute(sql);
                    }
                    try (var ps = c.prepareStatement("INSERT INTO schema_migrations VALUES (?, ?, current_timestamp::TIMESTAMP)")) {
                        ps.setInt(1, m.version());
                        ps.setString(2, m.description());
                        ps.executeUpdate();
                    }
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            }
            return latest;
        }
    }
}
