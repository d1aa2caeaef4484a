package dev.cloudwarden.app.server;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.app.intel.IntelJson;
import dev.cloudwarden.app.output.SafeJsonEscapes;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocType;
import dev.cloudwarden.engine.intel.match.IntelIndex;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The intel the service matches, as it holds it in memory (the store's indicators and the shipped starter lists,
 * loaded at start): counts, and search. A search by {@code value} answers what a responder asks of an address, a
 * domain, a hash or a key seen somewhere: which indicators would match it as an event field, with the matcher's own
 * rules (an address inside a listed range, a subdomain of a listed domain); {@code q} finds indicators whose value,
 * labels or description contain the text.
 */
final class IntelApi {
    private static final int TOP_LABELS = 50;
    private static final int MAX_LIMIT = 1000;

    private final List<Indicator> indicators;
    private final IntelIndex index;
    private final Clock clock;

    IntelApi(List<Indicator> indicators, IntelIndex index, Clock clock) {
        this.indicators = List.copyOf(indicators);
        this.index = index != null ? index : IntelIndex.empty();
        this.clock = clock;
    }

    void register(ApiServer api) {
        api.route(HandlerType.GET, "/api/v1/intel/stats", Role.VIEWER,
                "The indicators matched: counts by type, source and label, and how many are valid now", this::stats);
        api.route(HandlerType.GET, "/api/v1/intel/search", Role.VIEWER, "Indicators that would match value (an address, "
                + "domain, URL, hash, access key...), or whose text contains q; type, source and label narrow; limit",
                this::search);
    }

    private void stats(Context ctx) throws IOException {
        Instant now = clock.instant();
        StringWriter out = new StringWriter();
        try (JsonGenerator g = SafeJsonEscapes.newlineSeparated(out)) {
            g.writeStartObject();
            g.writeNumberField("indicators", indicators.size());
            g.writeNumberField("valid_now", indicators.stream().filter(i -> i.validAt(now)).count());
            counts(g, "by_type", count(i -> List.of(i.type().id())), Integer.MAX_VALUE);
            counts(g, "by_source", count(i -> List.of(i.source())), Integer.MAX_VALUE);
            counts(g, "by_label", count(Indicator::labels), TOP_LABELS);
            g.writeEndObject();
        }
        ctx.contentType("application/json").result(out.toString());
    }

    private Map<String, Long> count(Function<Indicator, List<String>> keys) {
        return indicators.stream().flatMap(i -> keys.apply(i).stream())
                .collect(Collectors.groupingBy(k -> k, TreeMap::new, Collectors.counting()));
    }

    /** Most frequent first (ties by name), at most {@code top}. */
    private static void counts(JsonGenerator g, String field, Map<String, Long> counts, int top) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, Long> e : counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue()
                .reversed().thenComparing(Map.Entry.comparingByKey())).limit(top).toList()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private void search(Context ctx) throws IOException {
        String value = ctx.queryParam("value");
        String q = ctx.queryParam("q");
        if ((value == null || value.isBlank()) == (q == null || q.isBlank())) {
            throw ApiException.badRequest("give value (what an event holds: an address, a domain, a hash...) or q (text)");
        }
        IocType type = type(ctx.queryParam("type"));
        String source = ctx.queryParam("source");
        String label = ctx.queryParam("label");
        int limit = QueryParams.limit(ctx, 100, MAX_LIMIT);
        Set<Indicator> found = new LinkedHashSet<>();
        if (value != null) {
            found.addAll(index.address(value.trim()));
            found.addAll(index.domain(value.trim()));
            for (IocType t : IocType.values()) {
                if (t != IocType.ADDRESS && t != IocType.DOMAIN) {
                    found.addAll(index.exact(t, value.trim()));
                }
            }
        } else {
            String needle = q.toLowerCase(Locale.ROOT);
            indicators.stream().filter(i -> contains(i, needle)).forEach(found::add);
        }
        List<Indicator> matched = found.stream()
                .filter(i -> type == null || i.type() == type)
                .filter(i -> source == null || i.source().equals(source))
                .filter(i -> label == null || i.labels().contains(label))
                .sorted(Comparator.comparing((Indicator i) -> i.type().ordinal()).thenComparing(Indicator::value)
                        .thenComparing(Indicator::source))
                .toList();
        Instant now = clock.instant();
        StringWriter out = new StringWriter();
        try (JsonGenerator g = SafeJsonEscapes.newlineSeparated(out)) {
            g.writeStartObject();
            g.writeNumberField("total", matched.size());
            g.writeBooleanField("truncated", matched.size() > limit);
            g.writeArrayFieldStart("indicators");
            for (Indicator i : matched.subList(0, Math.min(limit, matched.size()))) {
                g.writeStartObject();
                IntelJson.indicatorFields(g, i);
                g.writeBooleanField("valid_now", i.validAt(now));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        ctx.contentType("application/json").result(out.toString());
    }

    private static boolean contains(Indicator i, String needle) {
        return i.value().toLowerCase(Locale.ROOT).contains(needle)
                || i.labels().stream().anyMatch(l -> l.toLowerCase(Locale.ROOT).contains(needle))
                || i.description() != null && i.description().toLowerCase(Locale.ROOT).contains(needle);
    }

    private static IocType type(String id) {
        if (id == null) {
            return null;
        }
        return java.util.Arrays.stream(IocType.values()).filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("type must be one of " + java.util.Arrays.stream(IocType.values())
                        .map(IocType::id).toList()));
    }
}
