package dev.cloudwarden.app.store;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

/**
 * Stores for tests. PostgreSQL is the server {@code .ci/postgres} starts, named by {@code CLOUDWARDEN_TEST_POSTGRES}
 * (a JDBC URL); each store is a fresh schema in it, so test classes and runs never share tables. Without the
 * variable PostgreSQL tests are skipped, except under CI (the variable {@code CI} is set), where they fail.
 */
public final class TestStores {
    static final String POSTGRES_VARIABLE = "CLOUDWARDEN_TEST_POSTGRES";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC);

    private TestStores() {
    }

    /** The JDBC URL of the test server; skips (or under CI fails) the test when there is none. */
    public static String postgresUrl() {
        String url = System.getenv(POSTGRES_VARIABLE);
        if (url == null || url.isBlank()) {
            String message = POSTGRES_VARIABLE + " is not set: run .ci/postgres and export "
                    + POSTGRES_VARIABLE + "=\"$(.ci/postgres | tail -n 1)\" to test the PostgreSQL store";
            if (System.getenv("CI") != null) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        return url;
    }

    /** A fresh, empty schema on the test server, as a store location. */
    public static String newPostgresSchema(String prefix) {
        String base = postgresUrl();
        String schema = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new AssertionError("cannot create a schema on the test PostgreSQL (" + e.getMessage() + ")", e);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static void dropPostgresSchema(String location) {
        String schema = location.substring(location.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection c = DriverManager.getConnection(postgresUrl()); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new AssertionError("cannot drop the test schema " + schema + ": " + e.getMessage(), e);
        }
    }

    static PlatformStore open(String location) {
        return PlatformStore.open(StoreLocation.parse(location), CLOCK);
    }
}
