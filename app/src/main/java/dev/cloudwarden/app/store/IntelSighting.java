package dev.cloudwarden.app.store;

import java.time.Instant;

/**
 * An indicator's sightings as the scans that recorded them counted: how many events matched it, first and last.
 *
 * @param type  the indicator's type, or null when the indicator is no longer stored
 * @param value the indicator's value, or null likewise
 */
public record IntelSighting(String source, String indicatorId, String type, String value, long count,
                            Instant firstSeen, Instant lastSeen) {
}
