package dev.cloudwarden.engine.sigma.convert;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** An in-process DuckDB for the tests (the engine itself only writes SQL text). */
final class DuckDb implements AutoCloseable {
    private final Connection connection;

    DuckDb() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
    }

    /** The one row a query returns, column by column. */
    List<Object> row(String sql) throws SQLException {
        List<List<Object>> rows = rows(sql);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row, got " + rows.size() + " from\n" + sql);
        }
        return rows.get(0);
    }

    List<List<Object>> rows(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            List<List<Object>> out = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                out.add(row);
            }
            return out;
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
