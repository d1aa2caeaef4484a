package dev.cloudwarden.engine.intel.match;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How often each indicator was seen, and when first and last (event time), for the app to persist and to export as
 * STIX sightings. An indicator counts once per event, whichever fields of the event carried it. Thread-safe, so
 * the intel detectors of a run's worker threads share one (matches are rare: the lock costs nothing measurable);
 * {@link #merge} combines counts (and restores persisted ones). Counts, minima and maxima do not depend on the
 * order events arrive in.
 */
public final class Sightings {
    private final Map<String, Sighting> byIndicator = new HashMap<>();

    /**
     * @param indicatorId the indicator's id ({@code Indicator.id()})
     * @param count       events that carried it
     * @param firstSeen   the earliest of those events' times
     * @param lastSeen    the latest
     */
    public record Sighting(String indicatorId, long count, Instant firstSeen, Instant lastSeen) {
        public Sighting {
            Objects.requireNonNull(indicatorId, "indicatorId");
            Objects.requireNonNull(firstSeen, "firstSeen");
            Objects.requireNonNull(lastSeen, "lastSeen");
            if (count < 1) {
                throw new IllegalArgumentException("a sighting counts at least one event: " + count);
            }
            if (lastSeen.isBefore(firstSeen)) {
                throw new IllegalArgumentException("last seen " + lastSeen + " before first seen " + firstSeen);
            }
        }

        Sighting plus(Sighting other) {
            return new Sighting(indicatorId, count + other.count,
                    firstSeen.isBefore(other.firstSeen) ? firstSeen : other.firstSeen,
                    lastSeen.isAfter(other.lastSeen) ? lastSeen : other.lastSeen);
        }
    }

    /** One more event carrying the indicator, at {@code time}. */
    public void record(String indicatorId, Instant time) {
        merge(new Sighting(indicatorId, 1, time, time));
    }

    /** Adds a count (from another pipeline, or as persisted). */
    public synchronized void merge(Sighting sighting) {
        byIndicator.merge(sighting.indicatorId(), sighting, Sighting::plus);
    }

    public synchronized void mergeAll(Collection<Sighting> sightings) {
        sightings.forEach(this::merge);
    }

    public synchronized Optional<Sighting> get(String indicatorId) {
        return Optional.ofNullable(byIndicator.get(indicatorId));
    }

    /** Every sighting, by indicator id. */
    public synchronized List<Sighting> all() {
        List<Sighting> out = new ArrayList<>(byIndicator.values());
        out.sort(Comparator.comparing(Sighting::indicatorId));
        return out;
    }

    /** Distinct indicators seen. */
    public synchronized int size() {
        return byIndicator.size();
    }

    public synchronized boolean isEmpty() {
        return byIndicator.isEmpty();
    }
}
