package dev.cloudwarden.simulate.estate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * When the simulated day starts and ends, and which scenarios ran when: the estate's configuration at the end of the
 * day is its configuration before the day, changed by exactly the scenarios that ran. Every time in the snapshot comes
 * from here, never from the wall clock, so a seed always writes the same files.
 *
 * @param starts each scenario that ran, by id, and the instant it began
 */
record Timeline(Instant start, Instant end, Map<String, Instant> starts) {
    /** AWS Config records a change within minutes; a fixed delay keeps the capture after the change it records. */
    private static final long RECORDING_DELAY_MINUTES = 10;
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    Timeline {
        starts = Map.copyOf(starts);
    }

    boolean ran(String scenario) {
        return starts.containsKey(scenario);
    }

    /** When Config captured the change {@code scenario} made (no later than the end of the day). */
    Instant changedBy(String scenario) {
        Instant at = starts.get(scenario).plus(RECORDING_DELAY_MINUTES, ChronoUnit.MINUTES);
        return at.isAfter(end) ? end : at;
    }

    /** The capture time of a resource: the change of the scenario that touched it, else the last change before the day. */
    Instant captured(String scenario) {
        return scenario != null && ran(scenario) ? changedBy(scenario) : start;
    }

    /** A time {@code days} before the simulated day: when a resource was created. */
    Instant daysBefore(int days) {
        return start.minus(days, ChronoUnit.DAYS);
    }

    /** Config's and IAM's timestamp form ({@code 2026-11-20T00:00:00.000Z}). */
    static String iso(Instant t) {
        return ISO_MILLIS.format(t);
    }
}
