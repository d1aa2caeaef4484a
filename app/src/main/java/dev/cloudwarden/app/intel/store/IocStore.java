package dev.cloudwarden.app.intel.store;

import dev.cloudwarden.app.intel.store.StoreRecords.Feed;
import dev.cloudwarden.app.intel.store.StoreRecords.ImportCounts;
import dev.cloudwarden.app.intel.store.StoreRecords.Sighting;
import dev.cloudwarden.app.intel.store.StoreRecords.Stats;
import dev.cloudwarden.app.store.Dialect;
import dev.cloudwarden.app.store.StoreException;
import dev.cloudwarden.app.store.StoreSchema;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocType;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The intel store: indicators, the feeds they came from and their sightings, in an embedded DuckDB database
 * (one file; see {@link StoreSchema} for the schema). Indicators are keyed by (source, id), so importing a
 * feed again updates its indicators instead of duplicating them. Bulk writes go through DuckDB's Appender into a
 * staging table and are merged with two set statements; loading is one plain SELECT.
 *
 * <p>Times are stored as UTC {@code TIMESTAMP}s (microseconds). One process writes a store at a time (DuckDB
 * locks the file); {@link #open} says so when another holds it.
 */
public final class IocStore implements AutoCloseable {
    /** Where the store is when no {@code --store} is given: {@code $CLOUDWARDEN_STORE}, {@code -Dcloudwarden.store}, else {@code ~/.cloudwarden/cloudwarden.duckdb}. */
    public static Path defaultPath() {
        String env = System.getenv("CLOUDWARDEN_STORE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String prop = System.getProperty("cloudwarden.store");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        return Path.of(System.getProperty("user.home"), ".cloudwarden", "cloudwarden.duckdb");
    }

    private static final String CHANGED = """
            (i.type IS DISTINCT FROM s.type OR i.value IS DISTINCT FROM s.value
             OR i.confidence IS DISTINCT FROM s.confidence OR i.labels IS DISTINCT FROM s.labels
             OR i.valid_from IS DISTINCT FROM s.valid_from OR i.valid_until IS DISTINCT FROM s.valid_until
             OR i.kill_chain_phases IS DISTINCT FROM s.kill_chain_phases OR i.description IS DISTINCT FROM s.description)""";
    private static final long MAX_MICROS = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() * 1_000_000L;

    private final Path file;
    private final Connection connection;
    private final int schemaVersion;

    private IocStore(Path file, Connection connection, int schemaVersion) {
        this.file = file;
        this.connection = connection;
        this.schemaVersion = schemaVersion;
    }

    /** Opens (creating the file and its folder if needed) and migrates the store at {@code file}. */
    public static IocStore open(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        if (abs.getParent() != null) {
            Files.createDirectories(abs.getParent());
        }
        Connection c;
        try {
            Class.forName("org.duckdb.DuckDBDriver");
            c = DriverManager.getConnection("jdbc:duckdb:" + abs);
        } catch (ClassNotFoundException e) {
            throw new IOException("the DuckDB driver is missing from the class path", e);
        } catch (SQLException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("lock")) {
                throw new IOException(abs + " is in use by another CloudWarden process (DuckDB allows one writer): " + m, e);
            }
            throw new IOException("cannot open the store " + abs + ": " + m, e);
        }
        try {
            // the platform store's one schema (intel, alerts, incidents...): the intel tables are part of it
            Connection root = c;
            int version = StoreSchema.migrate(Dialect.DUCKDB, () -> root.unwrap(DuckDBConnection.class).duplicate(),
                    abs.toString());
            return new IocStore(abs, c, version);
        } catch (StoreException e) {
            closeQuietly(c);
            throw new IOException("cannot use the store " + abs + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    /**
     * Adds or updates {@code indicators} (by source and id; of duplicates within the call the last wins).
     * Indicators whose valid-until is at or before {@code now} are stored marked expired.
     */
    public ImportCounts upsert(Collection<Indicator> indicators, Instant now) throws IOException {
        if (indicators.isEmpty()) {
            return ImportCounts.NONE;
        }
        Map<String, Indicator> unique = new LinkedHashMap<>(indicators.size() * 2);
        for (Indicator i : indicators) {
            unique.put(i.source() + '\n' + i.id(), i);
        }
        long nowMicros = micros(now);
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE OR REPLACE TEMP TABLE intel_staging AS SELECT * FROM intel_indicators LIMIT 0");
            long expired = 0;
            try (DuckDBAppender a = connection.unwrap(DuckDBConnection.class).createAppender("temp", "main", "intel_staging")) {
                for (Indicator i : unique.values()) {
                    boolean isExpired = i.validUntil() != null && !i.validUntil().isAfter(now);
                    expired += isExpired ? 1 : 0;
                    a.beginRow().append(i.source()).append(i.id()).append(i.type().id()).append(i.value());
                    if (i.confidence() == null) {
                        a.appendNull();
                    } else {
                        a.append(i.confidence().intValue());
                    }
                    a.append(i.labels());
                    time(a, i.validFrom());
                    time(a, i.validUntil());
                    a.append(i.killChainPhases());
                    if (i.description() == null) {
                        a.appendNull();
                    } else {
                        a.append(i.description());
                    }
                    a.appendEpochMicros(nowMicros).appendEpochMicros(nowMicros);
                    if (isExpired) {
                        a.appendEpochMicros(nowMicros);
                    } else {
                        a.appendNull();
                    }
                    a.endRow();
                }
            }
            long added;
            long updated;
            try (ResultSet r = s.executeQuery("SELECT count(*) FILTER (WHERE i.id IS NULL), count(*) FILTER (WHERE i.id IS NOT NULL AND "
                    + CHANGED + ") FROM intel_staging s LEFT JOIN intel_indicators i ON i.source = s.source AND i.id = s.id")) {
                r.next();
                added = r.getLong(1);
                updated = r.getLong(2);
            }
            connection.setAutoCommit(false);
            try {
                s.execute("""
                        UPDATE intel_indicators AS i SET type = s.type, value = s.value, confidence = s.confidence,
                            labels = s.labels, valid_from = s.valid_from, valid_until = s.valid_until,
                            kill_chain_phases = s.kill_chain_phases, description = s.description,
                            updated_at = s.updated_at, expired_at = s.expired_at
                        FROM intel_staging s WHERE i.source = s.source AND i.id = s.id AND """ + CHANGED);
                s.execute("""
                        INSERT INTO intel_indicators SELECT s.* FROM intel_staging s
                        WHERE NOT EXISTS (SELECT 1 FROM intel_indicators i WHERE i.source = s.source AND i.id = s.id)""");
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            s.execute("DROP TABLE intel_staging");
            return new ImportCounts(added, updated, unique.size() - added - updated, expired);
        } catch (SQLException e) {
            throw new IOException("store " + file + ": cannot write indicators: " + e.getMessage(), e);
        }
    }

    /** Records (replaces) a feed's cursor and last import counts. */
    public void saveFeed(Feed f) throws IOException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT OR REPLACE INTO intel_feeds VALUES (?, ?, ?, ?, make_timestamp(?), ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, f.name());
            ps.setString(2, f.kind());
            ps.setString(3, f.url());
            ps.setString(4, f.addedAfter());
            ps.setLong(5, micros(f.lastImportAt()));
            ps.setLong(6, f.imported());
            ps.setLong(7, f.updated());
            ps.setLong(8, f.unchanged());
            ps.setLong(9, f.skipped());
            ps.setLong(10, f.expired());
            ps.setLong(11, f.problems());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IOException("store " + file + ": cannot record feed " + f.name() + ": " + e.getMessage(), e);
        }
    }

    public Optional<Feed> feed(String name) throws IOException {
        return feeds().stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public List<Feed> feeds() throws IOException {
        try {
            return dev.cloudwarden.app.store.IntelTables.feeds(connection);
        } catch (SQLException e) {
            throw new IOException("store " + file + ": cannot read feeds: " + e.getMessage(), e);
        }
    }

    /** A stored indicator with its bookkeeping times ({@code expiredAt} null while current). */
    public record Stored(Indicator indicator, Instant importedAt, Instant updatedAt, Instant expiredAt) {
    }

    /** Every indicator not marked expired, for matching: one SELECT, strings of labels and sources shared. */
    public List<Indicator> loadCurrent() throws IOException {
        List<Indicator> out = new ArrayList<>();
        select("WHERE expired_at IS NULL", List.of(), s -> out.add(s.indicator()));
        return out;
    }

    /**
     * Stored indicators, by source, type and value.
     *
     * @param type           only this type, or null
     * @param source         only this source, or null
     * @param includeExpired also those marked expired
     */
    public void forEach(IocType type, String source, boolean includeExpired, Consumer<Stored> consumer) throws IOException {
        StringBuilder where = new StringBuilder("WHERE true");
        List<String> args = new ArrayList<>();
        if (type != null) {
            where.append(" AND type = ?");
            args.add(type.id());
        }
        if (source != null) {
            where.append(" AND source = ?");
            args.add(source);
        }
        if (!includeExpired) {
            where.append(" AND expired_at IS NULL");
        }
        select(where + " ORDER BY source, type, value, id", args, consumer);
    }

    private void select(String where, List<String> args, Consumer<Stored> consumer) throws IOException {
        Map<String, String> shared = new HashMap<>();
        Map<String, IocType> types = new HashMap<>();
        for (IocType t : IocType.values()) {
            types.put(t.id(), t);
        }
        String sql = "SELECT source, id, type, value, confidence, labels, epoch_us(valid_from), epoch_us(valid_until), "
                + "kill_chain_phases, description, epoch_us(imported_at), epoch_us(updated_at), epoch_us(expired_at) "
                + "FROM intel_indicators " + where;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int k = 0; k < args.size(); k++) {
                ps.setString(k + 1, args.get(k));
            }
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    IocType type = types.get(r.getString(3));
                    if (type == null) {
                        continue; // a type a newer CloudWarden wrote; this one cannot match it
                    }
                    int conf = r.getInt(5);
                    Integer confidence = r.wasNull() ? null : conf;
                    Indicator i = new Indicator(r.getString(2), type, r.getString(4),
                            shared.computeIfAbsent(r.getString(1), k -> k), confidence, strings(r.getArray(6), shared),
                            instant(r, 7), instant(r, 8), strings(r.getArray(9), shared), r.getString(10));
                    consumer.accept(new Stored(i, instant(r, 11), instant(r, 12), instant(r, 13)));
                }
            }
        } catch (SQLException e) {
            throw new IOException("store " + file + ": cannot read indicators: " + e.getMessage(), e);
        }
    }

    /** Marks every current indicator whose valid-until is at or before {@code asOf} as expired; returns how many. */
    public long expire(Instant asOf) throws IOException {
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE intel_indicators SET expired_at = make_timestamp(?) WHERE expired_at IS NULL AND valid_until <= make_timestamp(?)")) {
            long t = micros(asOf);
            ps.setLong(1, t);
            ps.setLong(2, t);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IOException("store " + file + ": cannot expire indicators: " + e.getMessage(), e);
        }
    }

    /** Deletes the indicators marked expired, and their sightings; returns how many indicators. */
    public long purgeExpired() throws IOException {
        try (Statement s = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                s.executeUpdate("DELETE FROM intel_sightings g WHERE EXISTS (SELECT 1 FROM intel_indicators i "
                        + "WHERE i.source = g.source AND i.id = g.indicator_id AND i.expired_at IS NOT NULL)");
                long n = s.executeUpdate("DELETE FROM intel_indicators WHERE expired_at IS NOT NULL");
                connection.commit();
                return n;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IOException("store " + file + ": cannot purge expired indicators: " + e.getMessage(), e);
        }
    }

    /** Adds sightings: counts add up, first and last seen widen. */
    public void addSightings(Collection<Sighting> sightings) throws IOException {
        if (sightings.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO intel_sightings VALUES (?, ?, ?, make_timestamp(?), make_timestamp(?))
                ON CONFLICT (source, indicator_id) DO UPDATE SET count = intel_sightings.count + excluded.count,
                    first_seen = least(intel_sightings.first_seen, excluded.first_seen),
                    last_seen = greatest(intel_sightings.last_seen, excluded.last_seen)""")) {
            connection.setAutoCommit(false);
            for (Sighting g : sightings) {
                ps.setString(1, g.source());
                ps.setString(2, g.indicatorId());
                ps.setLong(3, g.count());
                ps.setLong(4, micros(g.firstSeen()));
                ps.setLong(5, micros(g.lastSeen()));
                ps.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the original error says more
            }
            throw new IOException("store " + file + ": cannot record sightings: " + e.getMessage(), e);
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // closing will tell
            }
        }
    }

    public List<Sighting> sightings() throws IOException {
        List<Sighting> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT source, indicator_id, count, epoch_us(first_seen), epoch_us(last_seen) "
                     + "FROM intel_sightings ORDER BY count DESC, source, indicator_id")) {
            while (r.next()) {
                out.add(new Sighting(r.getString(1), r.getString(2), r.getLong(3), instant(r, 4), instant(r, 5)));
            }
        } catch (SQLException e) {
            throw new IOException("store " + file + ": cannot read sightings: " + e.getMessage(), e);
        }
        return out;
    }

    public Stats stats() throws IOException {
        try (Statement s = connection.createStatement()) {
            long total;
            long expired;
            try (ResultSet r = s.executeQuery("SELECT count(*), count(expired_at) FROM intel_indicators")) {
                r.next();
                total = r.getLong(1);
                expired = r.getLong(2);
            }
            Map<String, Long> byType = counts(s, "SELECT type, count(*) c FROM intel_indicators WHERE expired_at IS NULL GROUP BY 1 ORDER BY c DESC, 1");
            Map<String, Long> bySource = counts(s, "SELECT source, count(*) c FROM intel_indicators WHERE expired_at IS NULL GROUP BY 1 ORDER BY c DESC, 1");
            Map<String, Long> byLabel = counts(s, "SELECT l, count(*) c FROM (SELECT unnest(labels) l FROM intel_indicators "
                    + "WHERE expired_at IS NULL) GROUP BY 1 ORDER BY c DESC, 1");
            long sighted;
            long sightings;
            try (ResultSet r = s.executeQuery("SELECT count(*), coalesce(sum(count), 0) FROM intel_sightings")) {
                r.next();
                sighted = r.getLong(1);
                sightings = r.getLong(2);
            }
            return new Stats(total, total - expired, expired, byType, bySource, byLabel, sighted, sightings);
        } catch (SQLException e) {
            throw new IOException("store " + file + ": cannot count: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IOException("store " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Long> counts(Statement s, String sql) throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                m.put(r.getString(1), r.getLong(2));
            }
        }
        return m;
    }

    private static List<String> strings(Array a, Map<String, String> shared) throws SQLException {
        if (a == null) {
            return List.of();
        }
        Object[] items = (Object[]) a.getArray();
        if (items.length == 0) {
            return List.of();
        }
        List<String> out = new ArrayList<>(items.length);
        for (Object o : items) {
            if (o != null) {
                String v = o.toString();
                out.add(shared.computeIfAbsent(v, k -> k));
            }
        }
        return out;
    }

    private static void time(DuckDBAppender a, Instant t) throws SQLException {
        if (t == null) {
            a.appendNull();
        } else {
            a.appendEpochMicros(micros(t));
        }
    }

    static long micros(Instant t) {
        try {
            long m = Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
            return Math.max(-MAX_MICROS, Math.min(MAX_MICROS, m));
        } catch (ArithmeticException e) {
            return t.getEpochSecond() < 0 ? -MAX_MICROS : MAX_MICROS;
        }
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        long v = r.getLong(column);
        if (r.wasNull()) {
            return null;
        }
        return Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000L);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // already failing
        }
    }

    @Override
    public String toString() {
        return "IocStore[" + file + ", schema v" + schemaVersion + "]";
    }
}
