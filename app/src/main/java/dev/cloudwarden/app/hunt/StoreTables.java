package dev.cloudwarden.app.hunt;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How a hunt sees the store's tables ({@code alerts}, {@code incidents}...), each as a view of the same name.
 * DuckDB 1.4.4 lets a process open a database file once: while the service holds the store open for writing, a
 * second DuckDB in the same process cannot attach it, not even READ_ONLY ("Unique file handle conflict"), and the
 * hunt's DuckDB must not share the writer's (it locks its configuration). So the writer exports
 * {@link Snapshots} ({@link StoreSnapshot}), and a command with the store closed {@link Attached attaches} it.
 */
public sealed interface StoreTables {
    /** The store's tables hunts may read, by default. */
    List<String> DEFAULT_TABLES = List.of("alerts", "incidents");

    /** The tables a hunt sees; those the store lacks are left out (the query then names a table that does not exist). */
    List<String> tables();

    /** A DuckDB store file nobody in this process has open, attached READ_ONLY. */
    record Attached(Path file, List<String> tables) implements StoreTables {
        public Attached {
            file = file.toAbsolutePath().normalize();
            tables = List.copyOf(tables);
        }
    }

    /** Parquet snapshots of the tables, written by the process that holds the store open ({@link StoreSnapshot}). */
    record Snapshots(Map<String, Path> files) implements StoreTables {
        public Snapshots {
            files = Map.copyOf(files);
        }

        @Override
        public List<String> tables() {
            return files.keySet().stream().sorted().toList();
        }
    }

    /**
     * Tables DuckDB cannot reach here, as with a PostgreSQL store (DuckDB's postgres extension would be a download):
     * a query naming one fails with {@code reason}. The seam for reading them later.
     */
    record Unavailable(String reason, List<String> tables) implements StoreTables {
        public Unavailable {
            tables = List.copyOf(tables);
        }
    }

    /** No store: the hunt sees events only. */
    record None() implements StoreTables {
        @Override
        public List<String> tables() {
            return List.of();
        }
    }
}
