package dev.cloudwarden.app.server;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.app.output.RuleListWriter;
import dev.cloudwarden.app.output.SafeJsonEscapes;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;

/** {@code GET /api/v1/rules}: the rules the service runs, as {@code cloudwarden rules list --format json} lists them. */
final class RulesApi {
    private final RuleSet rules;

    RulesApi(RuleSet rules) {
        this.rules = rules;
    }

    void register(ApiServer api) {
        api.route(HandlerType.GET, "/api/v1/rules", Role.VIEWER,
                "The rules the service runs (q filters by id, title or tag; level by the least level)", this::list);
    }

    private void list(Context ctx) throws IOException {
        String q = ctx.queryParam("q") == null ? null : ctx.queryParam("q").toLowerCase(Locale.ROOT);
        var level = QueryParams.level(ctx, "level");
        StringWriter out = new StringWriter();
        try (JsonGenerator g = SafeJsonEscapes.newlineSeparated(out)) {
            g.writeStartObject();
            g.writeNumberField("correlations", rules.correlations().size());
            g.writeArrayFieldStart("rules");
            for (LoadedRule r : rules.rules()) {
                if (q != null && !matches(r, q) || level != null && (r.rule().level() == null
                        || r.rule().level().compareTo(level) < 0)) {
                    continue;
                }
                RuleListWriter.write(r, g);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        ctx.contentType("application/json").result(out.toString());
    }

    private static boolean matches(LoadedRule r, String q) {
        return r.key().toLowerCase(Locale.ROOT).contains(q) || r.rule().title() != null
                && r.rule().title().toLowerCase(Locale.ROOT).contains(q)
                || r.rule().tags().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(q));
    }
}
