package dev.cloudwarden.app.server;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.app.intel.IntelJson;
import dev.cloudwarden.app.output.SafeJsonEscapes;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.IocType;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/intel/stats} and {@code /api/v1/intel/search}: the intel the service matches ({@link IntelCatalog}). */
final class IntelApi {
    private static final int MAX_LIMIT = 1000;

    private final IntelCatalog intel;
    private final Clock clock;

    IntelApi(IntelCatalog intel, Clock clock) {
        this.intel = intel;
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
        IntelCatalog.Stats s = intel.stats(clock.instant());
        StringWriter out = new StringWriter();
        try (JsonGenerator g = SafeJsonEscapes.newlineSeparated(out)) {
            g.writeStartObject();
            g.writeNumberField("indicators", s.indicators());
            g.writeNumberField("valid_now", s.validNow());
            counts(g, "by_type", s.byType());
            counts(g, "by_source", s.bySource());
            counts(g, "by_label", s.byLabel());
            g.writeEndObject();
        }
        ctx.contentType("application/json").result(out.toString());
    }

    private static void counts(JsonGenerator g, String field, Map<String, Long> counts) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, Long> e : counts.entrySet()) {
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
        IocType type = ctx.queryParam("type") == null ? null : IntelCatalog.type(ctx.queryParam("type"))
                .orElseThrow(() -> ApiException.badRequest("type must be one of "
                        + Arrays.stream(IocType.values()).map(IocType::id).toList()));
        int limit = QueryParams.limit(ctx, 100, MAX_LIMIT);
        List<Indicator> matched = intel.search(value == null || value.isBlank() ? null : value, q, type,
                ctx.queryParam("source"), ctx.queryParam("label"));
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
}
