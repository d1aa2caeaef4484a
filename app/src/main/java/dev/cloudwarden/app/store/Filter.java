package dev.cloudwarden.app.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A list's filter as SQL: the tables it reads ({@code from}, which may start from an index-friendly child table),
 * its conditions with their parameters, and its (time, id) columns: what its time range applies to and its newest-first order. Pages are read in a
 * {@link ListOrder}. Every value is a parameter.
 */
final class Filter {
    /** Reads one row of a listing. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet r) throws SQLException;
    }

    private final String from;
    private final String time;
    private final String id;
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    Filter(String from, String time, String id) {
        this.from = from;
        this.time = time;
        this.id = id;
    }

    /** The query of the first {@code n} matching rows in {@code order}; its parameters are {@link #params()}. */
    String first(String columns, ListOrder order, int n) {
        return "SELECT " + columns + " FROM " + from + whereClause() + " ORDER BY " + order.orderBy() + " LIMIT " + n;
    }

    List<Object> params() {
        return List.copyOf(params);
    }

    /** Whether more than {@code n} rows match (reads at most {@code n + 1}). */
    boolean moreThan(Connection c, int n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM " + from + whereClause()
                + " LIMIT " + (n + 1) + ") t")) {
            Sql.bind(ps, params);
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                return r.getLong(1) > n;
            }
        }
    }

    /** Newest first by the filter's time, then by its id. */
    ListOrder newest() {
        return ListOrder.newest(time, id);
    }

    Filter where(String condition, Object... values) {
        conditions.add(condition);
        params.addAll(List.of(values));
        return this;
    }

    Filter timeRange(Instant fromTime, Instant toTime) {
        if (fromTime != null) {
            where(time + " >= ?", Sql.timestamp(fromTime));
        }
        if (toTime != null) {
            where(time + " < ?", Sql.timestamp(toTime));
        }
        return this;
    }

    boolean isEmpty() {
        return conditions.isEmpty();
    }

    private String whereClause() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** One page in {@code order}, starting after {@code cursor}. */
    <T> Page<T> page(Connection c, String columns, ListOrder order, int limit, String cursor, Row<T> row)
            throws SQLException {
        List<String> all = new ArrayList<>(conditions);
        List<Object> values = new ArrayList<>(params);
        if (cursor != null) {
            Cursor after = Cursor.decode(cursor, order);
            // the first key's bound on its own lets an index in the list's order start at the cursor, instead of
            // reading from the top and filtering out every row before it
            all.add(order.keys().get(0).expression() + " <= ?");
            values.add(after.parameter(0));
            all.add(after(order, after, 0, values));
        }
        values.add(limit + 1);
        String sql = "SELECT " + columns + " FROM " + from + (all.isEmpty() ? "" : " WHERE " + String.join(" AND ", all))
                + " ORDER BY " + order.orderBy() + " LIMIT ?";
        List<T> items = new ArrayList<>();
        Cursor last = null;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, values);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    if (items.size() == limit) {
                        return new Page<>(items, last.encode());
                    }
                    items.add(row.read(r));
                    last = Cursor.at(order, r);
                }
            }
        }
        return new Page<>(items, null);
    }

    /** Rows strictly after the cursor in a descending order: a key less than the cursor's, or equal and the rest after. */
    private static String after(ListOrder order, Cursor cursor, int i, List<Object> values) {
        String key = order.keys().get(i).expression();
        values.add(cursor.parameter(i));
        if (i == order.keys().size() - 1) {
            return key + " < ?";
        }
        values.add(cursor.parameter(i));
        return "(" + key + " < ? OR (" + key + " = ? AND " + after(order, cursor, i + 1, values) + "))";
    }

    /**
     * Counts of the selected rows by {@code expression}, largest first (then by value); {@code join} adds a table
     * (a row with several techniques counts under each). {@code limit} bounds the values returned; 0: all.
     */
    Map<String, Long> counts(Connection c, String join, String expression, int limit) throws SQLException {
        String sql = "SELECT " + expression + " AS v, count(*) AS n FROM " + from + join + whereClause()
                + " GROUP BY " + expression + " ORDER BY n DESC, v" + (limit > 0 ? " LIMIT " + limit : "");
        Map<String, Long> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, params);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return out;
    }
}
