package dev.cloudwarden.app.hunt;

import java.nio.file.Path;

/**
 * What hunts read: the event archive (the view {@code events}) and the store's tables ({@link StoreTables}).
 */
public record HuntSources(ArchiveLayout events, StoreTables store) {
    public HuntSources {
        java.util.Objects.requireNonNull(events, "events");
        java.util.Objects.requireNonNull(store, "store");
    }

    /**
     * A command's view: the DuckDB store file attached read-only when it exists (its default tables), and the archive
     * at {@code eventsDir}, or beside the store when that is null.
     */
    public static HuntSources forStoreFile(Path store, Path eventsDir) {
        ArchiveLayout layout = eventsDir != null ? new ArchiveLayout(eventsDir) : ArchiveLayout.besideStore(store);
        StoreTables tables = java.nio.file.Files.exists(store)
                ? new StoreTables.Attached(store, StoreTables.DEFAULT_TABLES) : new StoreTables.None();
        return new HuntSources(layout, tables);
    }
}
