package dev.cloudwarden.app.intel;

import dev.cloudwarden.app.intel.store.StoreRecords.ImportCounts;
import dev.cloudwarden.engine.intel.FeedProblem;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What importing one source did.
 *
 * @param name     the source's name in the store (indicators' {@code source})
 * @param kind     {@code stix}, {@code misp}, {@code csv}, {@code list} or {@code taxii}
 * @param location the file, folder or URL read
 * @param read     indicators the feed gave
 * @param counts   what the store did with them
 * @param skipped  objects read on purpose without an indicator, and why
 * @param problems what could not be imported, each with its location
 * @param failure  why the source could not be read at all (or stopped early), or null
 * @param cursor   for TAXII, the {@code added_after} of the next pull
 */
public record ImportReport(String name, String kind, String location, long read, ImportCounts counts, long skipped,
                           Map<String, Integer> skippedByReason, List<FeedProblem> problems, String failure,
                           String cursor, Duration took) {
    public ImportReport {
        skippedByReason = Map.copyOf(skippedByReason);
        problems = List.copyOf(problems);
    }

    /** Nothing could be read (the source was missing, unreachable or refused). */
    public boolean failed() {
        return failure != null && read == 0 && counts.equals(ImportCounts.NONE);
    }
}
