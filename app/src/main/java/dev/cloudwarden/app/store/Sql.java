package dev.cloudwarden.app.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.engine.alert.Level;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;

/**
 * Value conversions both databases accept: times as UTC {@code TIMESTAMP}s through {@link LocalDateTime}
 * (microseconds; finer parts are cut, so a time read back equals the time written), lists as JSON array text,
 * nulls with their SQL type.
 */
final class Sql {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private Sql() {
    }

    static Instant micros(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
    }

    static LocalDateTime timestamp(Instant t) {
        return t == null ? null : LocalDateTime.ofInstant(micros(t), ZoneOffset.UTC);
    }

    static Instant instant(ResultSet r, String column) throws SQLException {
        LocalDateTime t = r.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    static void setTime(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.TIMESTAMP);
        } else {
            ps.setObject(i, timestamp(t));
        }
    }

    static void setText(PreparedStatement ps, int i, String s) throws SQLException {
        if (s == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, s);
        }
    }

    /** Binds {@code params} in order: Strings, Longs, Integers and LocalDateTimes. */
    static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    static String jsonList(List<String> values) {
        return json(values);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON of " + value.getClass().getSimpleName(), e);
        }
    }

    static List<String> list(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new StoreException("a malformed list in the store: " + e.getOriginalMessage(), e);
        }
    }

    static Level level(String id) {
        return id == null ? null : Level.parse(id).orElseThrow(() -> new StoreException("unknown level in the store: " + id));
    }

    /** The next value of one of the schema's sequences (a constant name, never input). */
    static long nextId(Connection c, String sequence) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT nextval('" + sequence + "')")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** {@code ?, ?, ?} for {@code n} parameters. */
    static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /**
     * Rows per multi-row statement: the DuckDB driver runs a JDBC batch one statement per row, and each statement
     * costs far more than its row (measured: ~35 alerts/s one per statement); a few hundred parameters stay well
     * under both drivers' limits.
     */
    static final int ROWS_PER_STATEMENT = 100;

    /**
     * Rows of strings, times, days and numbers, {@link #ROWS_PER_STATEMENT} to a statement, each statement ending
     * in {@code onConflict}.
     */
    static void insertRows(Connection c, String into, String row, List<Object[]> rows, String onConflict)
            throws SQLException {
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            String sql = into + String.join(", ", java.util.Collections.nCopies(chunk.size(), row)) + onConflict;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int p = 0;
                for (Object[] values : chunk) {
                    for (Object v : values) {
                        p++;
                        if (v instanceof Instant t) {
                            Sql.setTime(ps, p, t);
                        } else {
                            ps.setObject(p, v);
                        }
                    }
                }
                ps.execute();
            }
        }
    }
}
