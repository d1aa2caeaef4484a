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

    /** True, after saying so on stderr, when there is no store yet (commands that only read it do not create it). */
    boolean missing(picocli.CommandLine.Model.CommandSpec spec) {
        if (java.nio.file.Files.exists(path())) {
            return false;
        }
        spec.commandLine().getErr().println("no store at " + dev.cloudwarden.app.output.TerminalText.safe(path().toString())
                + " yet: cloudwarden intel import creates it");
        return true;
    }

    Path path() {
        return store != null ? store : IocStore.defaultPath();
    }
}
