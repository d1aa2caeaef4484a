package dev.cloudwarden.app.intel.store;

import dev.cloudwarden.app.intel.store.StoreRecords.Feed;
import dev.cloudwarden.app.intel.store.StoreRecords.ImportCounts;
import dev.cloudwarden.app.intel.store.StoreRecords.Sighting;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IocStoreTest {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @TempDir
    Path dir;

    static Indicator ind(String id, IocType type, String value, String source, Instant validUntil, String... labels) {
        return new Indicator(id, type, value, source, 80, List.of(labels), Instant.parse("2025-01-01T00:00:00Z"),
                validUntil, List.of("command-and-control"), "test " + id);
    }

    @Test
    void a_new_store_is_migrated_and_survives_reopening() throws IOException {
        Path file = dir.resolve("sub/cw.duckdb");
        try (IocStore s = IocStore.open(file)) {
            assertThat(s.schemaVersion()).isEqualTo(13);
            s.upsert(List.of(ind("indicator--1", IocType.DOMAIN, "pool.example", "feed-a", null, "malware:xmrig")), NOW);
        }
        try (IocStore s = IocStore.open(file)) {
            assertThat(s.schemaVersion()).isEqualTo(13);
            List<Indicator> all = s.loadCurrent();
            assertThat(all).singleElement().isEqualTo(ind("indicator--1", IocType.DOMAIN, "pool.example", "feed-a", null, "malware:xmrig"));
        }
    }

    @Test
    void importing_again_updates_instead_of_duplicating() throws IOException {
        try (IocStore s = IocStore.open(dir.resolve("cw.duckdb"))) {
            List<Indicator> feed = List.of(
                    ind("indicator--1", IocType.DOMAIN, "pool.example", "feed-a", null, "malware:xmrig"),
                    ind("indicator--2", IocType.ADDRESS, "198.51.100.0/24", "feed-a", null),
                    ind("indicator--3", IocType.SHA256, "a".repeat(64), "feed-a", null));
            assertThat(s.upsert(feed, NOW)).isEqualTo(new ImportCounts(3, 0, 0, 0));
            assertThat(s.upsert(feed, NOW.plusSeconds(60))).isEqualTo(new ImportCounts(0, 0, 3, 0));
            List<Indicator> changed = new ArrayList<>(feed);
            changed.set(1, ind("indicator--2", IocType.ADDRESS, "198.51.100.0/25", "feed-a", null, "c2"));
            assertThat(s.upsert(changed, NOW.plusSeconds(120))).isEqualTo(new ImportCounts(0, 1, 2, 0));
            // the same id from another source is another indicator
            assertThat(s.upsert(List.of(ind("indicator--1", IocType.DOMAIN, "pool.example", "feed-b", null)), NOW))
                    .isEqualTo(new ImportCounts(1, 0, 0, 0));
            assertThat(s.loadCurrent()).hasSize(4).extracting(Indicator::value)
                    .contains("198.51.100.0/25").doesNotContain("198.51.100.0/24");
            List<IocStore.Stored> stored = new ArrayList<>();
            s.forEach(IocType.ADDRESS, null, false, stored::add);
            assertThat(stored).singleElement().satisfies(x -> {
                assertThat(x.importedAt()).isEqualTo(NOW);
                assertThat(x.updatedAt()).isEqualTo(NOW.plusSeconds(120));
                assertThat(x.indicator().labels()).containsExactly("c2");
            });
        }
    }

    @Test
    void duplicates_within_one_import_keep_the_last() throws IOException {
        try (IocStore s = IocStore.open(dir.resolve("cw.duckdb"))) {
            ImportCounts c = s.upsert(List.of(
                    ind("indicator--1", IocType.DOMAIN, "a.example", "f", null),
                    ind("indicator--1", IocType.DOMAIN, "b.example", "f", null)), NOW);
            assertThat(c.added()).isEqualTo(1);
            assertThat(s.loadCurrent()).singleElement().extracting(Indicator::value).isEqualTo("b.example");
        }
    }

    @Test
    void expired_indicators_are_kept_marked_and_not_loaded_then_purged() throws IOException {
        try (IocStore s = IocStore.open(dir.resolve("cw.duckdb"))) {
            ImportCounts c = s.upsert(List.of(
                    ind("old", IocType.ADDRESS, "203.0.113.9", "f", NOW.minusSeconds(1)),
                    ind("soon", IocType.ADDRESS, "203.0.113.10", "f", NOW.plusSeconds(3600)),
                    ind("forever", IocType.ADDRESS, "203.0.113.11", "f", null)), NOW);
            assertThat(c).isEqualTo(new ImportCounts(3, 0, 0, 1));
            assertThat(s.loadCurrent()).extracting(Indicator::id).containsExactlyInAnyOrder("soon", "forever");
            assertThat(s.expire(NOW)).isZero();
            assertThat(s.expire(NOW.plusSeconds(3600))).isEqualTo(1);
            assertThat(s.loadCurrent()).extracting(Indicator::id).containsExactly("forever");
            assertThat(s.stats().expired()).isEqualTo(2);
            List<IocStore.Stored> all = new ArrayList<>();
            s.forEach(null, "f", true, all::add);
            assertThat(all).hasSize(3).filteredOn(x -> x.expiredAt() != null).hasSize(2);
            s.addSightings(List.of(new Sighting("f", "old", 2, NOW, NOW)));
            assertThat(s.purgeExpired()).isEqualTo(2);
            assertThat(s.stats().indicators()).isEqualTo(1);
            assertThat(s.sightings()).isEmpty();
        }
    }

    @Test
    void sightings_add_up_and_widen() throws IOException {
        try (IocStore s = IocStore.open(dir.resolve("cw.duckdb"))) {
            s.addSightings(List.of(new Sighting("f", "indicator--1", 3, NOW, NOW.plusSeconds(10))));
            s.addSightings(List.of(new Sighting("f", "indicator--1", 2, NOW.minusSeconds(5), NOW.plusSeconds(5)),
                    new Sighting("f", "indicator--2", 1, NOW, NOW)));
            assertThat(s.sightings()).containsExactly(
                    new Sighting("f", "indicator--1", 5, NOW.minusSeconds(5), NOW.plusSeconds(10)),
                    new Sighting("f", "indicator--2", 1, NOW, NOW));
            assertThat(s.stats().sightings()).isEqualTo(6);
            assertThat(s.stats().sightedIndicators()).isEqualTo(2);
        }
    }

    @Test
    void feeds_keep_their_cursor_and_last_counts() throws IOException {
        try (IocStore s = IocStore.open(dir.resolve("cw.duckdb"))) {
            Feed f = new Feed("taxii:https://x/api1/collections/c", "taxii", "https://x/api1/collections/c",
                    "2024-01-01T00:00:58Z", NOW, 10, 2, 3, 4, 1, 5);
            s.saveFeed(f);
            assertThat(s.feed(f.name())).contains(f);
            Feed again = new Feed(f.name(), "taxii", f.url(), "2024-02-01T00:00:00Z", NOW.plusSeconds(5), 1, 0, 0, 0, 0, 0);
            s.saveFeed(again);
            assertThat(s.feeds()).containsExactly(again);
        }
    }

    @Test
    void stats_count_by_type_source_and_label() throws IOException {
        try (IocStore s = IocStore.open(dir.resolve("cw.duckdb"))) {
            s.upsert(List.of(
                    ind("1", IocType.DOMAIN, "a.example", "f", null, "malware:xmrig", "cloudwarden.m2"),
                    ind("2", IocType.DOMAIN, "b.example", "f", null, "malware:xmrig"),
                    ind("3", IocType.ADDRESS, "192.0.2.1", "g", null)), NOW);
            StoreRecords.Stats st = s.stats();
            assertThat(st.indicators()).isEqualTo(3);
            assertThat(st.byType()).containsExactly(java.util.Map.entry("domain", 2L), java.util.Map.entry("address", 1L));
            assertThat(st.bySource()).containsEntry("f", 2L).containsEntry("g", 1L);
            assertThat(st.byLabel()).containsExactly(java.util.Map.entry("malware:xmrig", 2L), java.util.Map.entry("cloudwarden.m2", 1L));
        }
    }

    @Test
    void a_store_held_by_another_writer_is_refused_with_a_reason() throws IOException {
        Path file = dir.resolve("cw.duckdb");
        try (IocStore s = IocStore.open(file)) {
            // DuckDB in one JVM shares a database instance per path; a second connection works
            assertThat(IocStore.open(file).stats().indicators()).isZero();
        }
    }

    @Test
    void a_hundred_thousand_indicators_import_and_load_in_seconds() throws IOException {
        int n = Integer.getInteger("cw.intel.storeBench", 100_000);
        List<Indicator> many = new ArrayList<>(n);
        IocType[] types = {IocType.ADDRESS, IocType.DOMAIN, IocType.SHA256, IocType.URL};
        for (int i = 0; i < n; i++) {
            IocType t = types[i % types.length];
            String v = switch (t) {
                case ADDRESS -> "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
                case DOMAIN -> "host" + i + ".bad.example";
                case SHA256 -> String.format("%064x", i);
                default -> "https://bad.example/p/" + i;
            };
            many.add(new Indicator("indicator--" + i, t, v, "bench", 50, List.of("malware:x" + (i % 20), "bench"),
                    null, null, List.of(), null));
        }
        try (IocStore s = IocStore.open(dir.resolve("cw.duckdb"))) {
            long t0 = System.nanoTime();
            assertThat(s.upsert(many, NOW).added()).isEqualTo(n);
            long t1 = System.nanoTime();
            assertThat(s.upsert(many, NOW).unchanged()).isEqualTo(n);
            long t2 = System.nanoTime();
            List<Indicator> loaded = s.loadCurrent();
            long t3 = System.nanoTime();
            assertThat(loaded).hasSize(n);
            System.out.printf("intel store, %,d indicators: first import %d ms, re-import %d ms, load %d ms%n",
                    n, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
            assertThat((t3 - t2) / 1_000_000).isLessThan(30_000);
        }
    }
}
