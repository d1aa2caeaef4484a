package dev.cloudwarden.app.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opening stores of the first release, of a newer release, and stores that cannot be reached. */
class StoreSchemaTest {
    @TempDir
    Path dir;

    /** The first release's store: its hand-written migration 1 (the intel tables) and one indicator. */
    private Path firstReleaseStore(int recordedVersion) throws Exception {
        Path file = dir.resolve("old.duckdb");
        String v1 = new String(getClass().getResourceAsStream("/db/cloudwarden/common/V1__intel_indicators_feeds_sightings.sql")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description VARCHAR NOT NULL, "
                    + "applied_at TIMESTAMP NOT NULL)");
            for (String sql : v1.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
            s.execute("INSERT INTO schema_migrations VALUES (" + recordedVersion + ", 'intel', current_timestamp::TIMESTAMP)");
            s.execute("INSERT INTO intel_indicators VALUES ('feed', 'i1', 'domain', 'pool.example', 80, ['x'], NULL, NULL, [], "
                    + "NULL, TIMESTAMP '2024-01-01', TIMESTAMP '2024-01-01', NULL)");
        }
        return file;
    }

    @Test
    void a_store_of_the_first_release_is_brought_up_to_date_and_keeps_its_intel() throws Exception {
        Path file = firstReleaseStore(1);
        try (PlatformStore store = PlatformStore.open(file.toString())) {
            assertThat(store.schemaVersion()).isEqualTo(13);
            assertThat(store.alerts(AlertQuery.all()).items()).isEmpty();
        }
        try (PlatformStore store = PlatformStore.open(file.toString())) {
            assertThat(store.schemaVersion()).isEqualTo(13);
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT value FROM intel_indicators")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("pool.example");
        }
    }

    @Test
    void a_first_release_store_of_a_newer_version_is_refused() throws Exception {
        Path file = firstReleaseStore(2);
        assertThatThrownBy(() -> PlatformStore.open(file.toString())).isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 2").hasMessageContaining("newer than this CloudWarden knows");
    }

    @Test
    void a_store_migrated_by_a_newer_release_is_refused() throws Exception {
        Path file = dir.resolve("new.duckdb");
        PlatformStore.open(file.toString()).close();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement()) {
            s.execute("INSERT INTO flyway_schema_history SELECT 99, '99', 'from the future', 'SQL', 'V99__x.sql', 0, "
                    + "installed_by, installed_on, 1, true FROM flyway_schema_history LIMIT 1");
        }
        assertThatThrownBy(() -> PlatformStore.open(file.toString())).isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 99").hasMessageContaining("newer");
    }

    @Test
    void an_unreachable_postgresql_is_named_without_its_password() {
        assertThatThrownBy(() -> PlatformStore.open("postgresql://cw:s3cret@127.0.0.1:1/cloudwarden"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot reach PostgreSQL at postgresql://127.0.0.1:1/cloudwarden")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void locations_hide_passwords_and_unknown_schemes_are_refused() {
        assertThat(StoreLocation.parse("jdbc:postgresql://h/db?user=u&password=p").display()).doesNotContain("=p");
        assertThat(StoreLocation.parse("postgresql://u:p%40ss@h:5433/db").properties().getProperty("password")).isEqualTo("p@ss");
        assertThat(StoreLocation.parse("postgresql://u:p%40ss@h:5433/db").jdbcUrl()).isEqualTo("jdbc:postgresql://h:5433/db");
        assertThatThrownBy(() -> StoreLocation.parse("mysql://h/db")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported store location");
    }
}
