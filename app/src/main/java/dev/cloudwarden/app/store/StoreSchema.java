package dev.cloudwarden.app.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The store's one schema for DuckDB and PostgreSQL, managed by Flyway: the SQL migrations in
 * {@code db/cloudwarden/common} (both databases) and {@code db/cloudwarden/<vendor>} (indexes, which differ).
 *
 * <p><b>Stores of the first release</b> recorded their intel tables in a hand-written {@code schema_migrations}
 * table (version 1). Such a store is baselined at Flyway version 1 (the same tables) and brought up to date; its
 * {@code schema_migrations} is kept, so that release can still read the intel tables.
 *
 * <p><b>A newer store</b> (a migration this CloudWarden does not know has been applied) is refused, not misread.
 */
public final class StoreSchema {
    private static final String LOCATIONS_COMMON = "classpath:db/cloudwarden/common";
    /** Flyway itself has no vendor placeholder (that is Spring Boot's): the dialect names its own folder. */
    private static final String LOCATIONS_VENDOR = "classpath:db/cloudwarden/";
    private static final String LEGACY_TABLE = "schema_migrations";
    // Flyway logs every step at INFO through java.util.logging; a command's stderr is for the user. Held in a
    // field: java.util.logging keeps loggers weakly, and a collected logger forgets its level.
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    static {
        FLYWAY_LOG.setLevel(Level.WARNING);
    }

    private StoreSchema() {
    }

    /**
     * Brings the schema of the store on {@code connections} up to date and returns its version.
     *
     * @param where how messages name the store
     */
    public static int migrate(Dialect dialect, ConnectionFactory connections, String where) {
        Flyway flyway = Flyway.configure(StoreSchema.class.getClassLoader())
                // its own java.util.logging, which FLYWAY_LOG quiets: with SLF4J on the class path (the service's log
                // lines) Flyway would otherwise print every migration step on a command's stderr
                .loggers("org.flywaydb.core.internal.logging.javautil.JavaUtilLogCreator")
                .dataSource(new FactoryDataSource(connections))
                .locations(LOCATIONS_COMMON, LOCATIONS_VENDOR + dialect.name().toLowerCase(java.util.Locale.ROOT))
                .baselineVersion(MigrationVersion.fromVersion("1"))
                .baselineDescription("intel tables of the first release (schema_migrations version 1)")
                .load();
        try {
            refuseNewer(flyway, where);
            if (flyway.info().applied().length == 0) {
                int legacy = legacyVersion(connections, where);
                if (legacy == 1) {
                    flyway.baseline();
                } else if (legacy > 1) {
                    throw new StoreException(where + " has schema version " + legacy + " (" + LEGACY_TABLE
                            + "), newer than this CloudWarden knows; use a newer CloudWarden or another store");
                }
            }
            flyway.migrate();
            MigrationInfo current = flyway.info().current();
            return current == null ? 0 : Integer.parseInt(current.getVersion().getVersion());
        } catch (org.flywaydb.core.api.FlywayException e) {
            throw new StoreException("cannot bring the schema of " + where + " up to date: " + e.getMessage(), e);
        }
    }

    private static void refuseNewer(Flyway flyway, String where) {
        for (MigrationInfo m : flyway.info().applied()) {
            if (m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED) {
                throw new StoreException(where + " has schema version " + m.getVersion() + " (" + m.getDescription()
                        + "), newer than this CloudWarden knows; use a newer CloudWarden or another store");
            }
        }
    }

    /** The version in the first release's {@code schema_migrations}, 0 when the table does not exist. */
    private static int legacyVersion(ConnectionFactory connections, String where) {
        try (Connection c = connections.newConnection(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '"
                    + LEGACY_TABLE + "'")) {
                r.next();
                if (r.getLong(1) == 0) {
                    return 0;
                }
            }
            try (ResultSet r = s.executeQuery("SELECT coalesce(max(version), 0) FROM " + LEGACY_TABLE)) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the schema version of " + where + ": " + e.getMessage(), e);
        }
    }

    /** Opens connections to one store; each caller closes what it gets. */
    @FunctionalInterface
    public interface ConnectionFactory {
        Connection newConnection() throws SQLException;
    }

    /** Flyway takes a DataSource; a store hands out connections of its own (DuckDB: duplicates of one instance). */
    private record FactoryDataSource(ConnectionFactory factory) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return factory.newConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return factory.newConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return FLYWAY_LOG;
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
