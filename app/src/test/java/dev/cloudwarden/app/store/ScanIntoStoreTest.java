package dev.cloudwarden.app.store;

import dev.cloudwarden.app.cli.CloudWardenCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scan --store} and {@code scan --db} keep a batch run's alerts and incidents where the service keeps its own:
 * scanning the same logs again leaves the same rows, and DuckDB and PostgreSQL hold the same results.
 */
class ScanIntoStoreTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void simulate() {
        assertThat(cli("simulate", "--out", dir.resolve("sim").toString(), "--events", "4000", "--seed", "11")).isZero();
    }

    private static int cli(String... args) {
        StringWriter err = new StringWriter();
        var cli = CloudWardenCli.commandLine(new ByteArrayOutputStream(), StandardCharsets.UTF_8);
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        assertThat(code).as(err.toString()).isIn(0, 1);
        return 0;
    }

    private static void scan(String option, String location) {
        cli("scan", "--format", "json", "--no-intel", option, location, dir.resolve("sim/logs").toString());
    }

    /** What the store holds, in a form two stores can be compared by. */
    private static List<String> contents(String location) {
        try (PlatformStore s = PlatformStore.open(location)) {
            List<String> rows = new ArrayList<>();
            String cursor = null;
            do {
                AlertQuery q = AlertQuery.all().withLimit(1000);
                var page = s.alerts(cursor == null ? q : q.after(cursor));
                page.items().forEach(a -> rows.add("alert " + a.id() + " " + a.ruleId() + " " + a.level() + " " + a.count()
                        + " " + a.firstSeen() + " " + a.lastSeen() + " " + a.techniques()));
                cursor = page.next();
            } while (cursor != null);
            s.incidents(IncidentQuery.all().withLimit(1000)).items().forEach(i -> rows.add("incident " + i.id() + " "
                    + i.severity() + " " + i.score() + " " + i.alertCount() + " " + i.initialAccess() + " " + i.actions()));
            rows.add("matrix " + s.techniqueCounts(AlertQuery.all()));
            return rows;
        }
    }

    @Test
    void scanningTheSameLogsAgainLeavesTheSameRows() {
        String store = dir.resolve("again.duckdb").toString();
        scan("--store", store);
        List<String> once = contents(store);
        scan("--store", store);
        assertThat(contents(store)).isEqualTo(once);
        assertThat(once).anyMatch(r -> r.startsWith("alert ")).anyMatch(r -> r.startsWith("incident "));
    }

    @Test
    void duckDbAndPostgresqlHoldTheSameResults() {
        String postgres = TestStores.newPostgresSchema("scan");
        try {
            String duckdb = dir.resolve("same.duckdb").toString();
            scan("--store", duckdb);
            scan("--db", postgres);
            assertThat(contents(postgres)).isEqualTo(contents(duckdb)).hasSizeGreaterThan(10);
        } finally {
            TestStores.dropPostgresSchema(postgres);
        }
    }

    @Test
    void aRuleSwitchedOffInTheStoreStaysOffForScans() {
        String store = dir.resolve("switched.duckdb").toString();
        scan("--store", store);
        String rule;
        try (PlatformStore s = PlatformStore.open(store)) {
            rule = s.alerts(AlertQuery.all()).items().get(0).ruleId();
        }
        String other = dir.resolve("switched-off.duckdb").toString();
        try (PlatformStore s = PlatformStore.open(other)) {
            s.switchRule("ana", rule, false, "noisy here");
        }
        scan("--store", other);
        List<String> kept = contents(other);
        assertThat(kept).anyMatch(r -> r.startsWith("alert ")).noneMatch(r -> r.startsWith("alert ") && r.contains(" " + rule + " "));
        assertThat(contents(store)).anyMatch(r -> r.contains(" " + rule + " "));
    }
}
