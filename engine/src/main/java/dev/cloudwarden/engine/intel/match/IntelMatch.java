package dev.cloudwarden.engine.intel.match;

import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocType;

import java.util.List;
import java.util.Objects;

/**
 * An event's value found in the intel: what was seen, where in the event, and every indicator (valid at the event's
 * time) that lists it, or lists a range or parent domain containing it.
 *
 * @param type       the kind of value
 * @param observed   the value as the event has it, in canonical form ({@code eu.pool.example}, {@code 203.0.113.7})
 * @param field      where it was: {@code src.ip}, {@code dst.ip}, {@code src.host}, {@code dst.host}, {@code dns.answer},
 *                   {@code actor.accessKeyId}, {@code actor.principal}, {@code userAgent}, {@code url},
 *                   {@code email.sender}, {@code image.digest}, {@code cmdline.url}...
 * @param indicators at least one
 */
public record IntelMatch(IocType type, String observed, String field, List<Indicator> indicators) {
    public IntelMatch {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(field, "field");
        indicators = List.copyOf(indicators);
        if (indicators.isEmpty()) {
            throw new IllegalArgumentException("a match needs an indicator");
        }
    }
}
