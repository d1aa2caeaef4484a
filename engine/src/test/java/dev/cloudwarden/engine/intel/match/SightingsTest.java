package dev.cloudwarden.engine.intel.match;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SightingsTest {
    private static final Instant T1 = Instant.parse("2026-03-16T08:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-16T09:00:00Z");
    private static final Instant T3 = Instant.parse("2026-03-17T10:00:00Z");

    @Test
    void persistedCountsMergeWithNewOnesKeepingTheWidestTimeSpan() {
        Sightings s = new Sightings();
        s.mergeAll(List.of(new Sightings.Sighting("indicator--a", 10, T2, T2)));
        s.record("indicator--a", T3);
        s.record("indicator--a", T1);
        s.record("indicator--b", T2);
        assertThat(s.all()).containsExactly(new Sightings.Sighting("indicator--a", 12, T1, T3),
                new Sightings.Sighting("indicator--b", 1, T2, T2));
    }

    @Test
    void aSightingIsAtLeastOneEventAndEndsAfterItStarts() {
        assertThatThrownBy(() -> new Sightings.Sighting("x", 0, T1, T1)).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new Sightings.Sighting("x", 1, T2, T1)).hasMessageContaining("before first seen");
    }
}
