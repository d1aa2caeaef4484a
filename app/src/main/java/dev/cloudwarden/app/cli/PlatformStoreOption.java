package dev.cloudwarden.app.cli;

import dev.cloudwarden.app.intel.store.IocStore;
import picocli.CommandLine.Option;

/** {@code --store PATH|URL} for the commands that use the platform store: a DuckDB file or a PostgreSQL URL. */
public final class PlatformStoreOption {
    /** Who a change made from the command line is audited as: the operating system's user. */
    static final String CLI_ACTOR = "cli:" + System.getProperty("user.name", "unknown");

    @Option(names = {"--store", "--db"}, paramLabel = "PATH|URL",
            description = "The store: a DuckDB file (default: $CLOUDWARDEN_STORE, else ~/.cloudwarden/cloudwarden.duckdb) "
                    + "or postgresql://user:password@host:5432/db.")
    String location;

    /** The location given, else the default DuckDB file. */
    String location() {
        return location != null ? location : IocStore.defaultPath().toString();
    }
}
