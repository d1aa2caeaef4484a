package dev.cloudwarden.app.hunt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports store tables as Parquet through the connection that holds the store open, for hunts in the same process
 * ({@link StoreTables.Snapshots}). A snapshot is as of its export: the service refreshes it when a hunt starts or
 * on a timer, as fresh as it needs.
 */
public final class StoreSnapshot {
    private StoreSnapshot() {
    }

    /** Writes each of {@code tables} the store has to {@code dir/<table>.parquet}, replacing older snapshots. */
    public static StoreTables.Snapshots export(Connection store, List<String> tables, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Path> files = new LinkedHashMap<>();
        try (Statement s = store.createStatement()) {
            for (String table : tables) {
                if (!exists(store, table)) {
                    continue;
                }
                Path file = dir.resolve(table + ".parquet").toAbsolutePath().normalize();
                // Written beside, then moved over the old one, so a hunt reading the old snapshot never sees half a file.
                Path part = dir.resolve(table + ".parquet.part");
                s.execute("COPY (SELECT * FROM " + SqlText.identifier(table) + ") TO " + SqlText.string(part.toString())
                        + " (FORMAT parquet)");
                Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                files.put(table, file);
            }
        } catch (SQLException e) {
            throw new IOException("cannot snapshot the store's tables for hunting: " + e.getMessage(), e);
        }
        return new StoreTables.Snapshots(files);
    }

    private static boolean exists(Connection store, String table) throws SQLException {
        try (var ps = store.prepareStatement(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = ?")) {
            ps.setString(1, table);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }
}
