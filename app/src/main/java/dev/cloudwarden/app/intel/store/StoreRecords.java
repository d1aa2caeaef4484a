package dev.cloudwarden.app.intel.store;

import java.time.Instant;
import java.util.Map;

/** The rows and summaries {@link IocStore} reads and writes besides indicators. */
public final class StoreRecords {
    private StoreRecords() {
    }

    /**
     * What an upsert did: {@code added} new indicators, {@code updated} ones whose content changed,
     * {@code unchanged} ones already stored as given, and {@code expired} among all of them whose valid-until had
     * already passed (stored, and marked expired).
     */
    public record ImportCounts(long added, long updated, long unchanged, long expired) {
        public static final ImportCounts NONE = new ImportCounts(0, 0, 0, 0);

        public ImportCounts plus(ImportCounts o) {
            return new ImportCounts(added + o.added, updated + o.updated, unchanged + o.unchanged, expired + o.expired);
        }
    }

    /**
     * A feed as last imported: its kind ({@code stix}, {@code misp}, {@code csv}, {@code list}, {@code taxii}), URL
     * or path, the TAXII {@code added_after} cursor of the next incremental pull, and the last import's counts.
     */
    public record Feed(String name, String kind, String url, String addedAfter, Instant lastImportAt, long imported,
                       long updated, long unchanged, long skipped, long expired, long problems) {
    }

    /** Sightings of one indicator: how often events matched it, and the first and last event times. */
    public record Sighting(String source, String indicatorId, long count, Instant firstSeen, Instant lastSeen) {
    }

    /** Counts for {@code intel stats}; maps are ordered by count, largest first. */
    public record Stats(long indicators, long current, long expired, Map<String, Long> byType,
                        Map<String, Long> bySource, Map<String, Long> byLabel, long sightedIndicators, long sightings) {
    }
}
