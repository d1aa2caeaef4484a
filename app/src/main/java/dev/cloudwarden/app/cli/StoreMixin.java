package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.intel.store.IocStore;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --store PATH}: the embedded DuckDB store (intel indicators, feeds, sightings). */
public final class StoreMixin {
    @Option(names = "--store", paramLabel = "PATH",
            description = "The embedded store (DuckDB file). Default: $CLOUDWARDEN_STORE, else ~/.cloudwarden/cloudwarden.duckdb.")
    Path store;

    /** Whether --store was given (scan only creates the default store when there is something to keep). */
    boolean given() {
        return store != null;
    }

    Path path() {
        return store != null ? store : IocStore.defaultPath();
    }
}
