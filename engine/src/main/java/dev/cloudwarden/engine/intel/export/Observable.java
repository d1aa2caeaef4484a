package dev.cloudwarden.engine.intel.export;

import dev.cloudwarden.engine.intel.IocType;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Something seen in the user's own data, to share back: a value, when it was first and last seen, how often,
 * and the incident it belongs to.
 *
 * @param lastSeen      null means the same as {@code firstSeen}
 * @param count         sightings, at least 1
 * @param incidentId    the CloudWarden incident id, or null
 * @param incidentTitle its title, or null
 * @param labels        labels to carry on the indicator ({@code malware:graboid}, {@code attack.t1496})
 */
public record Observable(IocType type, String value, Instant firstSeen, Instant lastSeen, long count, String incidentId,
                         String incidentTitle, List<String> labels) {
    public Observable {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(firstSeen, "firstSeen");
        if (lastSeen == null) {
            lastSeen = firstSeen;
        }
        if (lastSeen.isBefore(firstSeen)) {
            throw new IllegalArgumentException("lastSeen " + lastSeen + " is before firstSeen " + firstSeen);
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        labels = List.copyOf(labels);
    }
}
