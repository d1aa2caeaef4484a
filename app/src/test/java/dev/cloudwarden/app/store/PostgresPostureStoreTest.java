package dev.cloudwarden.app.store;

/** Posture findings on PostgreSQL: a new schema per test on the server {@code .ci/postgres} starts. */
class PostgresPostureStoreTest extends PostureStoreContract {
    @Override
    String newLocation() {
        return TestStores.newPostgresSchema("posture");
    }

    @Override
    void dispose(String location) {
        TestStores.dropPostgresSchema(location);
    }
}
