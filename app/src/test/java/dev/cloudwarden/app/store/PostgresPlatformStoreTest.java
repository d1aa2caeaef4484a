package dev.cloudwarden.app.store;

/** The store contract on PostgreSQL: a new schema per test on the server {@code .ci/postgres} starts. */
class PostgresPlatformStoreTest extends PlatformStoreContract {
    @Override
    String newLocation() {
        return TestStores.newPostgresSchema("contract");
    }

    @Override
    void dispose(String location) {
        TestStores.dropPostgresSchema(location);
    }
}
