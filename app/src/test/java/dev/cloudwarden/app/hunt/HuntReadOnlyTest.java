package dev.cloudwarden.app.hunt;

import dev.cloudwarden.app.store.SavedHunt;
import dev.cloudwarden.engine.event.Event;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hunts read and never write, nor reach past their tables; each attempt fails with a message saying so. */
class HuntReadOnlyTest {
    @TempDir
    Path dir;
    private Path store;
    private HuntSources sources;

    @BeforeEach
    void setUp() throws Exception {
        store = dir.resolve("store.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + store); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE alerts (id VARCHAR, rule_id VARCHAR, level VARCHAR, time TIMESTAMP, json JSON)");
            s.execute("INSERT INTO alerts VALUES ('a1', 'r1', 'high', TIMESTAMP '2024-05-01 10:00:00', '{\"x\": 1}'), "
                    + "('a2', 'r2', 'low', TIMESTAMP '2024-05-01 11:00:00', '{\"x\": 2}')");
            s.execute("CREATE TABLE incidents (id VARCHAR, level VARCHAR, time TIMESTAMP, json JSON)");
            s.execute("CREATE TABLE api_tokens (id VARCHAR, secret VARCHAR)");
            s.execute("INSERT INTO api_tokens VALUES ('t', 'hunter2')");
        }
        ArchiveLayout layout = new ArchiveLayout(dir.resolve("store.duckdb.events"));
        try (EventArchive archive = EventArchive.open(layout)) {
            for (Event e : DatasetEvents.read(List.of(DatasetEvents.GOLDEN.resolve("cloudtrail/records-file.json")))) {
                archive.add(e);
            }
        }
        sources = HuntSources.forStoreFile(store, null);
        Files.writeString(dir.resolve("secret.csv"), "a,b\n1,2\n");
    }

    @Test
    void readsEventsAlertsAndIncidents() throws Exception {
        HuntResult r = run("SELECT a.id, a.level, (SELECT count(*) FROM events) > 0 AS has_events, "
                + "(SELECT count(*) FROM incidents) AS incidents FROM alerts a ORDER BY a.id");
        assertThat(r.columns()).containsExactly("id", "level", "has_events", "incidents");
        assertThat(r.rows()).containsExactly(List.of("a1", "high", true, 0L), List.of("a2", "low", true, 0L));
    }

    @Test
    void theStoresOtherTablesAreNotThere() {
        assertThatThrownBy(() -> run("SELECT * FROM api_tokens")).isInstanceOf(HuntException.class)
                .hasMessageContaining("api_tokens");
        assertThatThrownBy(() -> run("SELECT * FROM cloudwarden_store.main.api_tokens")).isInstanceOf(HuntException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            COPY events TO 'OUT/copy.csv'                         | REFUSED | read-only SELECT
            COPY (SELECT 1) TO 'EVENTS/day=x/leak.csv'            | REFUSED | read-only SELECT
            CREATE TABLE t AS SELECT 1                            | REFUSED | read-only SELECT
            CREATE TEMP TABLE t (a INT)                           | REFUSED | read-only SELECT
            INSERT INTO alerts VALUES ('x', 'r', 'high', NULL, NULL) | REFUSED | read-only SELECT
            DELETE FROM alerts                                    | REFUSED | read-only SELECT
            SELECT * FROM read_csv('OUT/secret.csv')              | REFUSED | file system operations are disabled
            SELECT * FROM read_csv('/etc/passwd')                 | REFUSED | file system operations are disabled
            SELECT count(*) FROM glob('/etc/*')                   | REFUSED | file system operations are disabled
            ATTACH 'OUT/other.duckdb' AS o                        | REFUSED | read-only SELECT
            ATTACH ':memory:' AS o                                | REFUSED | read-only SELECT
            INSTALL httpfs                                        | REFUSED | read-only SELECT
            LOAD json                                             | REFUSED | read-only SELECT
            SET enable_external_access = true                     | REFUSED | read-only SELECT
            SET memory_limit = '100GB'                            | REFUSED | read-only SELECT
            RESET lock_configuration                              | REFUSED | read-only SELECT
            PRAGMA database_list                                  | REFUSED | read-only SELECT
            SELECT 1; SELECT 2                                    | REFUSED | one statement per hunt, got 2
            SELECT 1; COPY alerts TO 'OUT/a.csv'                  | REFUSED | read-only SELECT
            SELEC 1                                               | BAD_QUERY | syntax error
            SELECT nope FROM events                               | BAD_QUERY | nope
            """)
    void refused(String sql, HuntException.Kind kind, String message) {
        String query = sql.replace("OUT/", dir + "/").replace("EVENTS/", sources.events().root() + "/");
        assertThatThrownBy(() -> run(query)).isInstanceOfSatisfying(HuntException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).containsIgnoringCase(message);
        });
        assertThat(dir.resolve("copy.csv")).doesNotExist();
        assertThat(dir.resolve("other.duckdb")).doesNotExist();
    }

    @Test
    void theStoreIsUnchangedAndStillWritableAfterHunts() throws Exception {
        run("SELECT * FROM alerts");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + store); Statement s = c.createStatement()) {
            s.execute("INSERT INTO alerts VALUES ('a3', 'r3', 'low', NULL, NULL)");
            var rs = s.executeQuery("SELECT count(*) FROM alerts");
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(3);
        }
    }

    @Test
    void snapshotsLetAProcessHoldingTheStoreOpenHuntIt() throws Exception {
        try (Connection writer = DriverManager.getConnection("jdbc:duckdb:" + store)) {
            StoreTables.Snapshots snap = StoreSnapshot.export(writer, StoreTables.DEFAULT_TABLES, dir.resolve("snap"));
            assertThat(snap.tables()).containsExactly("alerts", "incidents");
            try (HuntService service = new HuntService(new HuntSources(sources.events(), snap))) {
                HuntResult r = service.run("SELECT id FROM alerts ORDER BY id", HuntLimits.DEFAULT);
                assertThat(r.rows()).containsExactly(List.of("a1"), List.of("a2"));
                assertThatThrownBy(() -> service.run("SELECT * FROM read_csv(" + "'" + dir.resolve("secret.csv") + "')",
                        HuntLimits.DEFAULT)).hasMessageContaining("file system operations are disabled");
            }
        }
    }

    @Test
    void aPostgresStoreSaysWhyItsTablesCannotBeHunted() throws Exception {
        StoreTables pg = new StoreTables.Unavailable("the store is PostgreSQL, which DuckDB reaches only through its "
                + "postgres extension (a download)", StoreTables.DEFAULT_TABLES);
        try (HuntService service = new HuntService(new HuntSources(sources.events(), pg))) {
            assertThat(service.run("SELECT count(*) FROM events", HuntLimits.DEFAULT).rows().get(0).get(0)).isNotEqualTo(0L);
            assertThatThrownBy(() -> service.run("SELECT * FROM alerts", HuntLimits.DEFAULT))
                    .hasMessageContaining("the table alerts cannot be hunted here: the store is PostgreSQL");
        }
    }

    @Test
    void aTimedOutQueryIsCancelledWithAClearError() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> service().run("SELECT count(*) FROM range(100000000000) t(x) WHERE x % 7 = 3",
                new HuntLimits(10, Duration.ofMillis(500)))).isInstanceOfSatisfying(HuntException.class, e -> {
            assertThat(e.kind()).isEqualTo(HuntException.Kind.TIMEOUT);
            assertThat(e.getMessage()).contains("ran longer than 0.5s and was cancelled");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void rowsPastTheCapAreNotReturnedAndTheResultSaysTruncated() throws Exception {
        HuntResult capped = service().run("SELECT range AS n FROM range(1000000)", new HuntLimits(3, Duration.ofSeconds(30)));
        assertThat(capped.rows()).containsExactly(List.of(0L), List.of(1L), List.of(2L));
        assertThat(capped.truncated()).isTrue();
        HuntResult exact = service().run("SELECT range AS n FROM range(3)", new HuntLimits(3, Duration.ofSeconds(30)));
        assertThat(exact.rows()).hasSize(3);
        assertThat(exact.truncated()).isFalse();
    }

    @Test
    void cellsArePlainValues() throws Exception {
        HuntResult r = run("SELECT TIMESTAMP '2024-05-01 10:00:00.5' AS t, DATE '2024-05-01' AS d, '{\"a\":[1]}'::JSON AS j, "
                + "[1, 2] AS l, 2.5 AS f, NULL AS n");
        assertThat(r.rows().get(0).get(0)).isEqualTo("2024-05-01T10:00:00.500Z");
        assertThat(r.rows().get(0).get(1)).isEqualTo("2024-05-01");
        assertThat(r.rows().get(0).get(2).toString()).isEqualTo("{\"a\":[1]}");
        assertThat(r.rows().get(0).get(3)).isEqualTo("[1, 2]");
        assertThat(((Number) r.rows().get(0).get(4)).doubleValue()).isEqualTo(2.5);
        assertThat(r.rows().get(0).get(5)).isNull();
    }

    @Test
    void aSavedSqlHuntRunsItsQuery() throws Exception {
        SavedHunt saved = new SavedHunt("high", SavedHunt.Kind.SQL, "SELECT id FROM alerts WHERE level = 'high'", "ana",
                java.time.Instant.EPOCH, java.time.Instant.EPOCH);
        try (HuntService service = service()) {
            assertThat(service.run(saved, HuntLimits.DEFAULT).rows()).containsExactly(List.of("a1"));
        }
    }

    private HuntService service() {
        return new HuntService(sources);
    }

    private HuntResult run(String sql) throws HuntException {
        try (HuntService service = service()) {
            return service.run(sql, HuntLimits.DEFAULT);
        }
    }
}
