package dev.cloudwarden.app.store;

import java.sql.SQLException;

/**
 * The few places where DuckDB and PostgreSQL differ for the store: how an error reads to the user. Everything
 * else (statements, upserts, sequences, types) is written once in the subset both accept.
 */
public enum Dialect {
    DUCKDB, POSTGRESQL;

    /** A user-facing reason for a failure to connect to {@code where}. */
    String connectProblem(String where, SQLException e) {
        String m = String.valueOf(e.getMessage());
        if (this == DUCKDB) {
            if (m.contains("lock")) {
                return where + " is in use by another process (DuckDB allows one process to open a store file): " + m;
            }
            return "cannot open the store " + where + ": " + m;
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08")) {
            return "cannot reach PostgreSQL at " + where + " (is the server running and the address right?): " + m;
        }
        if (state.startsWith("28")) {
            return "PostgreSQL at " + where + " refused the login: " + m;
        }
        if (state.equals("3D000")) {
            return "PostgreSQL at " + where + " has no such database (create it first): " + m;
        }
        return "cannot open the store " + where + ": " + m;
    }

    /** Whether a connection that threw {@code e} is broken and must not be reused. */
    static boolean brokenConnection(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }
}
