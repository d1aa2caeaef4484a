package dev.cloudwarden.engine.intel;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One indicator of compromise, as a feed gave it.
 *
 * @param id          the feed's own id ({@code indicator--...}, a MISP attribute uuid), or {@link IocValues#idOf}
 * @param type        what {@code value} is
 * @param value       canonical form ({@link IocValues#normalize}), so equal indicators from two feeds are equal
 * @param source      the feed it came from (its name as imported: a file, a TAXII collection, a MISP feed)
 * @param confidence  0-100 (STIX confidence; MISP threat level mapped), or null when the feed gives none
 * @param labels      what it is about: malware families ({@code malware:graboid}), catalog ids as the rule pack
 *                    tags them ({@code cloudwarden.m2}), ATT&CK techniques ({@code attack.t1496}), free labels
 * @param validFrom   null when the feed gives none (valid since always)
 * @param validUntil  null when it never expires
 * @param killChainPhases ATT&CK tactic names ({@code command-and-control}) from the feed
 * @param description the feed's text, or null
 */
public record Indicator(String id, IocType type, String value, String source, Integer confidence, List<String> labels,
                        Instant validFrom, Instant validUntil, List<String> killChainPhases, String description) {
    public Indicator {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
        labels = List.copyOf(labels);
        killChainPhases = List.copyOf(killChainPhases);
        if (confidence != null && (confidence < 0 || confidence > 100)) {
            throw new IllegalArgumentException("confidence must be 0-100: " + confidence);
        }
    }

    /** An indicator with just a type, value and source (plain lists), its value normalized and its id derived. */
    public static Indicator of(IocType type, String rawValue, String source, List<String> labels) {
        String value = IocValues.normalize(type, rawValue);
        return new Indicator(IocValues.idOf(type, value, source), type, value, source, null, labels, null, null,
                List.of(), null);
    }

    /** Whether it applies at {@code time} (an event's time, not the wall clock). */
    public boolean validAt(Instant time) {
        return (validFrom == null || !time.isBefore(validFrom)) && (validUntil == null || time.isBefore(validUntil));
    }
}
