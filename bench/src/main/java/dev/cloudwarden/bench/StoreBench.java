package dev.cloudwarden.bench;

import dev.cloudwarden.app.store.AlertQuery;
import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.TriageStatus;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;
import dev.cloudwarden.engine.run.AlertSink;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The platform store at scale (issue 10): N generated alerts ({@link StoreAlerts}) in DuckDB and, with
 * {@code --postgres JDBC_URL}, in PostgreSQL (schema {@code bench} of a database {@code cloudwarden_bench} on that
 * server, created when missing, so the bench's tables never sit among the tests'; {@code --postgres-only} skips
 * DuckDB); then the
 * triage list of one principal (plain, new only, high and above) and the ATT&CK matrix (all, last 30 days) through
 * the store's API, next to the same questions as plain SQL on the same tables (the baseline).
 * A store that already holds N alerts is reused.
 *
 * <p>Filling: the first 2,000 alerts (or N) through the store's sink, the path a detection run takes, to measure
 * its rate; the rest through {@link PlatformStore#loadAlerts}, the same rows by appender or COPY. With
 * {@code --replicate-from B} only B alerts are generated, over the first 1/(N/B) of the 90 days, and the store copies
 * them N/B - 1 times ({@link PlatformStore#replicateAlerts}), each copy one such slice later: N alerts over 90 days
 * in the time it takes to generate B. A fresh PostgreSQL fill is vacuumed and analyzed before the queries, as
 * autovacuum would have done in a store that grew over 90 days.
 */
final class StoreBench {
    private static final int SINK_ALERTS = 2_000;
    private static final int WARM_UP = 20;
    private static final int LIST_REPS = 100;
    private static final int MATRIX_REPS = 10;
    private static final int PAGE = 100;
    private static final String SCHEMA = "bench";
    private static final String DATABASE = "cloudwarden_bench";
    /**
     * The bench's clock: noon of the last day, so "the last 30 days" starts mid-day, as it does for an analyst
     * (a window on midnight would spare a per-day count its partial first day).
     */
    private static final Instant NOW = StoreAlerts.END.minus(Duration.ofHours(12));
    private static final String PLAIN_LIST = "SELECT a.* FROM alert_entities d JOIN alerts a ON a.id = d.alert_id "
            + "WHERE d.entity_type = ? AND d.entity_value = ? ORDER BY d.time DESC LIMIT " + PAGE;
    private static final String PLAIN_MATRIX = "SELECT technique, count(*) FROM alert_techniques GROUP BY technique";
    private static final String PLAIN_MATRIX_30D = "SELECT technique, count(*) FROM alert_techniques "
            + "WHERE time >= ? GROUP BY technique";

    private StoreBench() {
    }

    /** A timed query: one repetition, {@code i} varies its argument (the principal). */
    @FunctionalInterface
    private interface Query {
        void run(int i) throws Exception;
    }

    static void run(String[] args) throws Exception {
        long alerts = 10_000_000;
        int rounds = 3;
        String postgres = null;
        boolean duckdb = true;
        long replicateFrom = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--alerts" -> alerts = Long.parseLong(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--postgres" -> postgres = args[++i];
                case "--postgres-only" -> duckdb = false;
                case "--replicate-from" -> replicateFrom = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "java %s, max heap %,d MB, %d cores, load average %.2f%n",
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Path dir = Path.of("bench-data");
        StoreAlerts generated = StoreAlerts.prepare(dir);
        System.out.printf(Locale.ROOT, "%,d alerts from %d rules with ATT&CK tags, %d principals, over %d days%n",
                alerts, generated.rules(), StoreAlerts.PRINCIPALS, StoreAlerts.SPAN.toDays());
        Fill fill = Fill.of(alerts, replicateFrom, generated);

        if (duckdb) {
            try (PlatformStore store = duckdb(dir, fill)) {
                measure("duckdb", store, rounds);
            }
        }
        if (postgres != null) {
            try (PlatformStore store = postgres(postgres, fill)) {
                measure("postgresql", store, rounds);
            }
        }
    }

    /** The bench's DuckDB store under {@code dir} holding exactly the alerts of {@code fill}: reused, or filled. */
    static PlatformStore duckdb(Path dir, Fill fill) throws Exception {
        Path file = dir.resolve("store-" + fill.alerts() + ".duckdb");
        PlatformStore store = filled(file.toString(), fill, () -> Files.deleteIfExists(file), () -> { });
        System.out.printf(Locale.ROOT, "DuckDB %s: %,d MB%n", file, Files.size(file) >> 20);
        return store;
    }

    /**
     * The bench's PostgreSQL store on the server of {@code url} (its own database and schema) holding exactly the
     * alerts of {@code fill}: reused, or filled.
     */
    static PlatformStore postgres(String postgres, Fill fill) throws Exception {
        String admin = benchDatabase(postgres);
        String url = admin + (admin.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
        resetSchema(admin, false);
        PlatformStore store = filled(url, fill, () -> resetSchema(admin, true), () -> vacuum(url));
        System.out.printf(Locale.ROOT, "PostgreSQL schema %s: %,d MB%n", SCHEMA, store.withConnection("size",
                c -> single(c, "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n "
                        + "ON n.oid = c.relnamespace WHERE n.nspname = '" + SCHEMA + "' AND c.relkind = 'r'")) >> 20);
        return store;
    }

    @FunctionalInterface
    private interface Wipe {
        void run() throws IOException, SQLException;
    }

    /**
     * How the store is filled: {@code generate} alerts from the generator, then {@code copies} in all (1: none),
     * each copy {@code shift} later than the one before.
     */
    record Fill(long alerts, long generate, int copies, Duration shift, StoreAlerts generated) {
        static Fill of(long alerts, long replicateFrom, StoreAlerts generated) {
            if (replicateFrom <= 0 || replicateFrom >= alerts) {
                return new Fill(alerts, alerts, 1, StoreAlerts.SPAN, generated);
            }
            if (alerts % replicateFrom != 0) {
                throw new IllegalArgumentException("--alerts must be a multiple of --replicate-from");
            }
            int copies = Math.toIntExact(alerts / replicateFrom);
            return new Fill(alerts, replicateFrom, copies, Duration.ofSeconds(StoreAlerts.SPAN.toSeconds() / copies),
                    generated);
        }

        /** The generated alerts' span: a second short of the shift, so no copy reaches into the next one's times. */
        Duration span() {
            return copies == 1 ? shift : shift.minusSeconds(1);
        }
    }

    /** The store at {@code location} holding exactly the alerts of {@code fill}: reused when it does, else refilled. */
    private static PlatformStore filled(String location, Fill fill, Wipe wipe, Wipe afterFill) throws Exception {
        long n = fill.alerts();
        PlatformStore store = PlatformStore.open(location);
        long stored = store.withConnection("count", c -> single(c, "SELECT count(*) FROM alerts"));
        if (stored == n) {
            System.out.printf(Locale.ROOT, "%s: reusing its %,d alerts%n", store.display(), stored);
            return store;
        }
        if (stored > 0) {
            store.close();
            wipe.run();
            store = PlatformStore.open(location);
        }
        Iterator<Alert> alerts = fill.generated().alerts(fill.generate(), 1, fill.span());
        long viaSink = Math.min(fill.generate(), SINK_ALERTS);
        long t0 = System.nanoTime();
        AlertSink sink = store.alertSink();
        for (long i = 0; i < viaSink; i++) {
            sink.accept(alerts.next());
        }
        sink.flush();
        double sinkS = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %,d alerts through the sink in %.1f s: %,.0f alerts/s%n", store.display(),
                viaSink, sinkS, viaSink / sinkS);
        if (alerts.hasNext()) {
            t0 = System.nanoTime();
            long loaded = store.loadAlerts(alerts);
            double loadS = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%s: %,d alerts bulk-loaded in %.1f s: %,.0f alerts/s%n", store.display(),
                    loaded, loadS, loaded / loadS);
        }
        if (fill.copies() > 1) {
            t0 = System.nanoTime();
            long added = store.replicateAlerts(fill.copies(), fill.shift());
            double copyS = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%s: %,d alerts added as %d copies in %.1f s: %,.0f alerts/s%n",
                    store.display(), added, fill.copies() - 1, copyS, added / copyS);
        }
        t0 = System.nanoTime();
        afterFill.run();
        System.out.printf(Locale.ROOT, "%s: after the fill %.1f s; load average %.2f%n", store.display(),
                (System.nanoTime() - t0) / 1e9, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return store;
    }

    /** The bench's own database on the server of {@code url} (created when missing), as a JDBC URL. */
    private static String benchDatabase(String url) throws SQLException {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?', slash);
        String bench = url.substring(0, slash + 1) + DATABASE + (query < 0 ? "" : url.substring(query));
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            r.next();
            if (r.getLong(1) == 0) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
        }
        return bench;
    }

    /** VACUUM ANALYZE of the bench schema's tables: statistics and the visibility map (index-only scans). */
    static void vacuum(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("VACUUM (ANALYZE)");
        }
    }

    /** Creates the bench schema when missing; {@code drop}: drops it with everything in it first. */
    private static void resetSchema(String url, boolean drop) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            if (drop) {
                s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
            s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        }
    }

    private static void measure(String name, PlatformStore store, int rounds) throws Exception {
        Random random = new Random(42);
        int[] principals = random.ints(WARM_UP + LIST_REPS * rounds, 0, StoreAlerts.PRINCIPALS).toArray();
        Instant last30 = NOW.minus(Duration.ofDays(30));
        AlertQuery base = AlertQuery.all().withLimit(PAGE);
        List<String> labels = List.of("list of one principal", "  ... new only", "  ... high and above",
                "  baseline: plain SQL", "matrix, all alerts", "matrix, last 30 days", "  baseline: plain GROUP BY",
                "  baseline: GROUP BY, 30 days");
        List<Query> queries = List.of(
                i -> store.alerts(base.withEntity(principal(principals[i]))),
                i -> store.alerts(base.withEntity(principal(principals[i])).withStatus(TriageStatus.NEW)),
                i -> store.alerts(base.withEntity(principal(principals[i])).withMinLevel(Level.HIGH)),
                i -> plain(store, PLAIN_LIST, EntityType.PRINCIPAL.id(), StoreAlerts.principalArn(principals[i])),
                i -> store.techniqueCounts(AlertQuery.all()),
                i -> store.techniqueCounts(AlertQuery.all().withTime(last30, null)),
                i -> plain(store, PLAIN_MATRIX),
                i -> plain(store, PLAIN_MATRIX_30D, LocalDateTime.ofInstant(last30, ZoneOffset.UTC)));
        Map<String, Long> plain30 = store.withConnection("baseline", c -> {
            Map<String, Long> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(PLAIN_MATRIX_30D)) {
                ps.setObject(1, LocalDateTime.ofInstant(last30, ZoneOffset.UTC));
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), r.getLong(2));
                    }
                }
            }
            return out;
        });
        if (!plain30.equals(new TreeMap<>(store.techniqueCounts(AlertQuery.all().withTime(last30, null))))) {
            throw new IllegalStateException("the store's 30-day matrix differs from the plain GROUP BY");
        }
        // the lists must find their principal (until this check they were timed on a value no entity row holds)
        for (int p : new int[] {0, StoreAlerts.PRINCIPALS - 1}) {
            int listed = store.alerts(base.withEntity(principal(p))).items().size();
            int plainRows = plain(store, PLAIN_LIST, EntityType.PRINCIPAL.id(), StoreAlerts.principalArn(p));
            if (listed == 0 || listed != plainRows) {
                throw new IllegalStateException("principal " + p + ": the store lists " + listed + " alerts, plain SQL "
                        + plainRows);
            }
        }
        System.out.printf(Locale.ROOT, "%n%s (%d rounds; lists %d queries a round of random principals, matrices %d):%n",
                name, rounds, LIST_REPS, MATRIX_REPS);
        System.out.printf(Locale.ROOT, "  %-30s %9s %9s %9s %9s%n", "query", "p50 ms", "p95 ms", "p99 ms", "max ms");
        for (int q = 0; q < queries.size(); q++) {
            boolean list = q < 4;
            int reps = (list ? LIST_REPS : MATRIX_REPS) * rounds;
            for (int i = 0; i < WARM_UP; i++) {
                queries.get(q).run(i);
            }
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                queries.get(q).run(WARM_UP + i % (LIST_REPS * rounds));
                ms.add((System.nanoTime() - t0) / 1e6);
            }
            System.out.printf(Locale.ROOT, "  %-30s %9.1f %9.1f %9.1f %9.1f%n", labels.get(q),
                    BenchStats.percentile(ms, 50), BenchStats.percentile(ms, 95), BenchStats.percentile(ms, 99),
                    BenchStats.percentile(ms, 100));
        }
        System.out.printf(Locale.ROOT, "  load average after: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static Entity principal(int p) {
        return Entity.of(EntityType.PRINCIPAL, StoreAlerts.principalArn(p));
    }

    /** Runs plain SQL on one of the store's connections and reads every row and column, as the store reads its own. */
    private static int plain(PlatformStore store, String sql, Object... params) throws IOException {
        return store.withConnection("baseline", c -> {
            int rows = 0;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                try (ResultSet r = ps.executeQuery()) {
                    int columns = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        for (int k = 1; k <= columns; k++) {
                            r.getObject(k);
                        }
                        rows++;
                    }
                }
            }
            return rows;
        });
    }

    static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
