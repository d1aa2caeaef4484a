package dev.cloudwarden.app.store;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** The store contract on DuckDB: a new file per test. */
class DuckDbPlatformStoreTest extends PlatformStoreContract {
    @TempDir
    Path dir;

    private final AtomicInteger files = new AtomicInteger();

    @Override
    String newLocation() {
        return dir.resolve("store-" + files.incrementAndGet() + "/cw.duckdb").toString();
    }
}
