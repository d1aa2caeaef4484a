package dev.cloudwarden.app.server;

import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocType;
import dev.cloudwarden.engine.intel.match.IntelIndex;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The intel the service matches, as it holds it in memory (the store's indicators and the shipped starter lists,
 * loaded at start): counts, and search. A search by value answers what a responder asks of an address, a domain, a
 * hash or a key seen somewhere: which indicators would match it as an event field, by the matcher's own rules (an
 * address inside a listed range, a subdomain of a listed domain); a text search finds indicators whose value, labels
 * or description contain the text.
 */
public final class IntelCatalog {
    private static final int TOP_LABELS = 50;

    /** Counts of the indicators: all, valid now, by type, source and (the most frequent) label. */
    public record Stats(long indicators, long validNow, Map<String, Long> byType, Map<String, Long> bySource,
                        Map<String, Long> byLabel) {
    }

    private final List<Indicator> indicators;
    private final IntelIndex index;

    IntelCatalog(List<Indicator> indicators, IntelIndex index) {
        this.indicators = List.copyOf(indicators);
        this.index = index != null ? index : IntelIndex.empty();
    }

    public Stats stats(Instant now) {
        return new Stats(indicators.size(), indicators.stream().filter(i -> i.validAt(now)).count(),
                top(count(i -> List.of(i.type().id())), Integer.MAX_VALUE),
                top(count(i -> List.of(i.source())), Integer.MAX_VALUE), top(count(Indicator::labels), TOP_LABELS));
    }

    /**
     * Indicators that would match {@code value} in an event, or (value null) whose text holds {@code text}; then
     * narrowed by type, source and label (each null for any). Sorted by type, value, source.
     */
    public List<Indicator> search(String value, String text, IocType type, String source, String label) {
        Set<Indicator> found = new LinkedHashSet<>();
        if (value != null) {
            String v = value.trim();
            found.addAll(index.address(v));
            found.addAll(index.domain(v));
            for (IocType t : IocType.values()) {
                if (t != IocType.ADDRESS && t != IocType.DOMAIN) {
                    found.addAll(index.exact(t, v));
                }
            }
        } else {
            String needle = text.toLowerCase(Locale.ROOT);
            indicators.stream().filter(i -> contains(i, needle)).forEach(found::add);
        }
        return found.stream()
                .filter(i -> type == null || i.type() == type)
                .filter(i -> source == null || i.source().equals(source))
                .filter(i -> label == null || i.labels().contains(label))
                .sorted(Comparator.comparing((Indicator i) -> i.type().ordinal()).thenComparing(Indicator::value)
                        .thenComparing(Indicator::source))
                .toList();
    }

    /** The type an id names ({@code address}, {@code aws-access-key}...). */
    public static Optional<IocType> type(String id) {
        return java.util.Arrays.stream(IocType.values()).filter(t -> t.id().equals(id)).findFirst();
    }

    private static boolean contains(Indicator i, String needle) {
        return i.value().toLowerCase(Locale.ROOT).contains(needle)
                || i.labels().stream().anyMatch(l -> l.toLowerCase(Locale.ROOT).contains(needle))
                || i.description() != null && i.description().toLowerCase(Locale.ROOT).contains(needle);
    }

    private Map<String, Long> count(Function<Indicator, List<String>> keys) {
        return indicators.stream().flatMap(i -> keys.apply(i).stream())
                .collect(Collectors.groupingBy(k -> k, TreeMap::new, Collectors.counting()));
    }

    /** Most frequent first (ties by name), at most {@code top}. */
    private static Map<String, Long> top(Map<String, Long> counts, int top) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).limit(top).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
