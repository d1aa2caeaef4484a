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

    /** Runs {@code work} on the store; a store that cannot be opened (or refuses) is exit 2 with the reason. */
    int inStore(picocli.CommandLine.Model.CommandSpec spec, String command,
                java.util.function.Consumer<dev.cloudwarden.app.store.PlatformStore> work) {
        try (dev.cloudwarden.app.store.PlatformStore s = dev.cloudwarden.app.store.PlatformStore.open(location())) {
            work.accept(s);
            return CloudWardenCli.EXIT_OK;
        } catch (dev.cloudwarden.app.store.StoreException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("cloudwarden " + command + ": "
                    + dev.cloudwarden.app.output.TerminalText.safe(e.getMessage()));
            return CloudWardenCli.EXIT_USAGE;
        }
    }
}
