package dev.cloudwarden.app.hunt;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * One hunt's DuckDB: in memory, with {@code events} (a view over the archive's Parquet files, one row per event id)
 * and the store's tables, then locked: {@code enable_external_access = false} (no other file, no ATTACH, INSTALL or
 * extension download; only the archive folder and snapshot files stay readable through {@code allowed_directories}
 * and {@code allowed_paths}) and {@code lock_configuration = true} (no SET or RESET of any of it). Both exist in
 * DuckDB 1.4.4, as tested by {@code HuntReadOnlyTest}.
 *
 * <p>Store tables are copied into the session from the store attached READ_ONLY, and the store is detached before
 * the lock: a hunt sees the tables it is given, never the store's others (intel, tokens, saved hunts). Copies cost
 * memory in proportion to alerts and incidents, which are few next to events; a service uses snapshots instead.
 */
final class HuntSession implements AutoCloseable {
    private static final String STORE_ALIAS = "cloudwarden_store";

    private final Connection connection;

    private HuntSession(Connection connection) {
        this.connection = connection;
    }

    static HuntSession open(HuntSources sources) throws HuntException {
        Connection c;
        try {
            Properties p = new Properties();
            p.setProperty("jdbc_stream_results", "true"); // rows past the limit are never produced
            c = DriverManager.getConnection("jdbc:duckdb:", p);
        } catch (SQLException e) {
            throw new HuntException(HuntException.Kind.UNAVAILABLE, "cannot start DuckDB for the hunt: " + e.getMessage(), e);
        }
        try (Statement s = c.createStatement()) {
            List<String> allowedPaths = storeViews(s, sources.store());
            eventsView(s, sources.events());
            s.execute("SET allowed_directories = [" + SqlText.string(sources.events().root() + "/") + "]");
            if (!allowedPaths.isEmpty()) {
                s.execute("SET allowed_paths = " + list(allowedPaths));
            }
            s.execute("SET enable_external_access = false");
            s.execute("SET lock_configuration = true");
            return new HuntSession(c);
        } catch (SQLException e) {
            close(c);
            throw new HuntException(HuntException.Kind.UNAVAILABLE, "cannot prepare the hunt's tables: " + e.getMessage(), e);
        } catch (HuntException | RuntimeException e) {
            close(c);
            throw e;
        }
    }

    Connection connection() {
        return connection;
    }

    /** Creates the store's tables as views or copies; returns the files the session must still read. */
    private static List<String> storeViews(Statement s, StoreTables store) throws SQLException, HuntException {
        List<String> paths = new ArrayList<>();
        if (store instanceof StoreTables.Attached a) {
            if (!java.nio.file.Files.exists(a.file())) {
                throw new HuntException(HuntException.Kind.UNAVAILABLE, "no store at " + a.file());
            }
            try {
                s.execute("ATTACH " + SqlText.string(a.file().toString()) + " AS " + STORE_ALIAS + " (READ_ONLY)");
            } catch (SQLException e) {
                throw new HuntException(HuntException.Kind.UNAVAILABLE, "cannot read the store " + a.file()
                        + " (another process writing it holds DuckDB's lock; hunt through that process's API): "
                        + e.getMessage(), e);
            }
            for (String table : a.tables()) {
                if (storeHas(s.getConnection(), table)) {
                    s.execute("CREATE TABLE " + SqlText.identifier(table) + " AS SELECT * FROM " + STORE_ALIAS + ".main."
                            + SqlText.identifier(table));
                }
            }
            s.execute("DETACH " + STORE_ALIAS);
        } else if (store instanceof StoreTables.Snapshots snap) {
            for (var e : snap.files().entrySet()) {
                String file = e.getValue().toAbsolutePath().normalize().toString();
                s.execute("CREATE VIEW " + SqlText.identifier(e.getKey()) + " AS SELECT * FROM read_parquet("
                        + SqlText.string(file) + ")");
                paths.add(file);
            }
        } else if (store instanceof StoreTables.Unavailable u) {
            for (String table : u.tables()) {
                s.execute("CREATE VIEW " + SqlText.identifier(table) + " AS SELECT error(" + SqlText.string(
                        "the table " + table + " cannot be hunted here: " + u.reason()) + ") AS unavailable");
            }
        } else if (!(store instanceof StoreTables.None)) {
            throw new AssertionError(store);
        }
        return paths;
    }

    private static boolean storeHas(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM information_schema.tables WHERE table_catalog = "
                + SqlText.string(STORE_ALIAS) + " AND table_schema = 'main' AND table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /**
     * {@code events}: every batch file, the partition folders read back as {@code day} and {@code source}, and one row
     * per event id (a replayed batch whose files did not overwrite the first ones is counted once). With no file yet,
     * an empty relation of the same columns.
     */
    private static void eventsView(Statement s, ArchiveLayout layout) throws SQLException {
        String files;
        if (layout.hasFiles()) {
            files = "read_parquet(" + SqlText.string(layout.glob()) + ", hive_partitioning = true, hive_types = "
                    + "{'day': DATE, 'source': VARCHAR}, union_by_name = true)";
        } else {
            s.execute("CREATE TABLE no_events (" + ArchiveColumns.STAGING_COLUMNS + ", day DATE)");
            files = "no_events";
        }
        // Parquet hands JSON back as VARCHAR; typed JSON again, raw->>'eventName' reads as hunters write it.
        s.execute("CREATE VIEW events AS SELECT time, source, day, * EXCLUDE (time, source, day) REPLACE (CAST(raw AS JSON) AS raw) FROM " + files
                + " QUALIFY row_number() OVER (PARTITION BY event_id) = 1");
    }

    private static String list(List<String> items) {
        return "[" + String.join(", ", items.stream().map(SqlText::string).toList()) + "]";
    }

    @Override
    public void close() {
        close(connection);
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // An in-memory database: nothing is lost by a failed close.
        }
    }
}
