package dev.cloudwarden.app.hunt;

import dev.cloudwarden.app.store.SavedHunt;
import dev.cloudwarden.engine.sigma.load.RuleFile;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs hunts: read-only SQL over {@code events}, {@code alerts} and {@code incidents} ({@link #run(String, HuntLimits)}),
 * Sigma rules retroactively over the archive ({@link #runRules}), and saved hunts by name. Each hunt gets a fresh,
 * locked DuckDB ({@link HuntSession}), a single SELECT ({@link SelectOnly}), a timer that cancels the statement and a
 * row cap. Thread-safe: hunts share nothing but the timer thread.
 */
public final class HuntService implements AutoCloseable {
    private final HuntSources sources;
    private final ScheduledExecutorService timer;

    public HuntService(HuntSources sources) {
        this.sources = sources;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hunt-timeout");
            t.setDaemon(true);
            return t;
        });
    }

    /** One SELECT over the hunt's tables. */
    public HuntResult run(String sql, HuntLimits limits) throws HuntException {
        try (HuntSession session = HuntSession.open(sources)) {
            SelectOnly.check(session.connection(), sql);
            return execute(session.connection(), sql, limits);
        }
    }

    /** The detection rules in {@code files} over the archived events: one row per rule and event it matches. */
    public HuntResult runRules(List<RuleFile> files, HuntLimits limits) throws HuntException {
        RuleHunt hunt = RuleHunt.of(files);
        try (HuntSession session = HuntSession.open(sources)) {
            String sql;
            try {
                sql = hunt.sql(session.connection());
            } catch (SQLException e) {
                throw new HuntException(HuntException.Kind.UNAVAILABLE, "cannot read the event archive: " + e.getMessage(), e);
            }
            return execute(session.connection(), sql, limits);
        }
    }

    /** A saved hunt, as its kind says. */
    public HuntResult run(SavedHunt hunt, HuntLimits limits) throws HuntException {
        return switch (hunt.kind()) {
            case SQL -> run(hunt.query(), limits);
            case SIGMA -> runRules(rules(hunt.name(), hunt.query()), limits);
        };
    }

    /**
     * Checks a hunt before it is saved, so a saved hunt fails for its data, never for its text: the SQL is one
     * SELECT as DuckDB parses it, the Sigma rules compile and convert to SQL. Tables are not resolved here.
     */
    public static void check(String name, SavedHunt.Kind kind, String query) throws HuntException {
        switch (kind) {
            case SQL -> {
                try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
                    SelectOnly.check(c, query);
                } catch (SQLException e) {
                    throw new HuntException(HuntException.Kind.UNAVAILABLE, "cannot open DuckDB: " + e.getMessage(), e);
                }
            }
            case SIGMA -> RuleHunt.of(rules(name, query));
        }
    }

    private static List<RuleFile> rules(String name, String yaml) {
        return List.of(new RuleFile("saved hunt " + name, yaml));
    }

    private HuntResult execute(Connection c, String sql, HuntLimits limits) throws HuntException {
        long start = System.nanoTime();
        AtomicBoolean timedOut = new AtomicBoolean();
        try (Statement s = c.createStatement()) {
            ScheduledFuture<?> cancel = timer.schedule(() -> {
                timedOut.set(true);
                try {
                    s.cancel();
                } catch (SQLException ignored) {
                    // Already finished or closed: nothing left to stop.
                }
            }, limits.timeout().toNanos(), TimeUnit.NANOSECONDS);
            try (ResultSet rs = s.executeQuery(sql)) {
                ResultSetMetaData meta = rs.getMetaData();
                int n = meta.getColumnCount();
                List<String> columns = new ArrayList<>(n);
                List<String> types = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    columns.add(meta.getColumnLabel(i));
                    types.add(meta.getColumnTypeName(i));
                }
                List<List<Object>> rows = new ArrayList<>();
                boolean truncated = false;
                while (rs.next()) {
                    if (rows.size() == limits.maxRows()) {
                        truncated = true;
                        break;
                    }
                    List<Object> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        row.add(HuntCells.read(rs, i, types.get(i - 1)));
                    }
                    rows.add(row);
                }
                return new HuntResult(columns, rows, truncated, Duration.ofNanos(System.nanoTime() - start));
            } finally {
                cancel.cancel(false);
            }
        } catch (SQLException e) {
            if (timedOut.get() || e instanceof SQLTimeoutException) {
                throw new HuntException(HuntException.Kind.TIMEOUT, "the hunt ran longer than " + limits.timeout()
                        .toString().substring(2).toLowerCase(java.util.Locale.ROOT)
                        + " and was cancelled; narrow it (a time range, a source) or allow more time", e);
            }
            throw classify(e);
        }
    }

    /** DuckDB's message, with the settings' refusals named as such. */
    private static HuntException classify(SQLException e) {
        String m = String.valueOf(e.getMessage());
        if (m.startsWith("Permission Error") || m.contains("configuration has been locked")) {
            return new HuntException(HuntException.Kind.REFUSED, "refused: " + m
                    + " (hunts read the events, alerts and incidents tables only)", e);
        }
        return new HuntException(HuntException.Kind.BAD_QUERY, m, e);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
