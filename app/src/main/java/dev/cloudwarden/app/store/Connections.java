package dev.cloudwarden.app.store;

import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store's connections, shared by threads (the server's request threads and the detection thread): each unit
 * of work borrows one, runs in one transaction, and gives it back. DuckDB's connections are duplicates of one
 * database instance (one process owns the file); PostgreSQL's are opened on demand up to a bound.
 *
 * <p>Writes in this process take one lock, so two of them never conflict on the same row (DuckDB aborts the
 * second of two transactions that update one row; serializing them is cheaper than retrying). Reads run in
 * parallel with each other and with a write.
 */
final class Connections implements AutoCloseable {
    /** A unit of work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private static final int MAX_OPEN = 8;

    private final StoreLocation location;
    private final Connection root;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final ReentrantLock writeLock = new ReentrantLock();
    private int open;
    private boolean closed;

    private Connections(StoreLocation location, Connection root) {
        this.location = location;
        this.root = root;
    }

    static Connections open(StoreLocation location) {
        try {
            if (location.dialect() == Dialect.DUCKDB) {
                Class.forName("org.duckdb.DuckDBDriver");
            } else {
                Class.forName("org.postgresql.Driver");
            }
            return new Connections(location, DriverManager.getConnection(location.jdbcUrl(), location.properties()));
        } catch (ClassNotFoundException e) {
            throw new StoreException("the " + location.dialect() + " driver is missing from the class path", e);
        } catch (SQLException e) {
            throw new StoreException(location.dialect().connectProblem(location.display(), e), e);
        }
    }

    /** A new connection to the same database, which the caller closes. */
    Connection newConnection() throws SQLException {
        if (location.dialect() == Dialect.DUCKDB) {
            return root.unwrap(DuckDBConnection.class).duplicate();
        }
        return DriverManager.getConnection(location.jdbcUrl(), location.properties());
    }

    /** The first connection, for the schema migrations (used before any other thread exists). */
    Connection root() {
        return root;
    }

    <T> T read(String what, Work<T> work) {
        return run(what, work, false);
    }

    <T> T write(String what, Work<T> work) {
        writeLock.lock();
        try {
            return run(what, work, true);
        } finally {
            writeLock.unlock();
        }
    }

    private <T> T run(String what, Work<T> work, boolean write) {
        Connection c = borrow(what);
        boolean broken = false;
        try {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            broken = Dialect.brokenConnection(e);
            throw new StoreException("store " + location.display() + ": cannot " + what + ": " + e.getMessage(), e);
        } finally {
            giveBack(c, broken);
        }
    }

    private synchronized Connection borrow(String what) {
        while (true) {
            if (closed) {
                throw new StoreException("store " + location.display() + " is closed: cannot " + what);
            }
            Connection c = idle.pollFirst();
            if (c != null) {
                return c;
            }
            if (open < MAX_OPEN) {
                try {
                    Connection fresh = newConnection();
                    open++;
                    return fresh;
                } catch (SQLException e) {
                    throw new StoreException(location.dialect().connectProblem(location.display(), e), e);
                }
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for a connection to " + location.display());
            }
        }
    }

    private synchronized void giveBack(Connection c, boolean broken) {
        if (broken || closed) {
            open--;
            closeQuietly(c);
        } else {
            idle.addFirst(c);
        }
        notifyAll();
    }

    @Override
    public synchronized void close() {
        closed = true;
        idle.forEach(Connections::closeQuietly);
        open -= idle.size();
        idle.clear();
        closeQuietly(root);
        notifyAll();
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing: nothing to do about a connection that fails to close
        }
    }
}
