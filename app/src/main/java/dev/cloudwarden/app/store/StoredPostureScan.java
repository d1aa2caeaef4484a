package dev.cloudwarden.app.store;

import java.time.Instant;
import java.util.List;

/**
 * One posture scan recorded in the store: what it read and judged, and what it changed there.
 *
 * @param roots    the paths scanned, or the live sources ({@code aws})
 * @param opened   findings new in this scan, or failing again after being resolved
 * @param resolved findings this scan saw pass, or whose resource was gone from a file it read cleanly
 */
public record StoredPostureScan(long id, Instant at, String actor, List<String> roots, int files, int resources,
                                int checks, int failed, int suppressed, int passed, int unknown, int problems,
                                int opened, int resolved) {
    public StoredPostureScan {
        roots = List.copyOf(roots);
    }
}
