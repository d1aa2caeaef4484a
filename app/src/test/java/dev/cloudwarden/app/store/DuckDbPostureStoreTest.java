package dev.cloudwarden.app.store;

/** Posture findings on DuckDB: a new file per test. */
class DuckDbPostureStoreTest extends PostureStoreContract {
    @Override
    String newLocation() {
        return dir.resolve("store/cw.duckdb").toString();
    }
}
