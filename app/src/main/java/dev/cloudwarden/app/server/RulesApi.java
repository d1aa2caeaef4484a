package dev.cloudwarden.app.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudwarden.app.output.CoverageWriter;
import dev.cloudwarden.app.output.RuleListWriter;
import dev.cloudwarden.app.output.SafeJsonEscapes;
import dev.cloudwarden.app.store.Role;
import dev.cloudwarden.app.store.RuleState;
import dev.cloudwarden.engine.sigma.coverage.RuleCoverage;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.model.CorrelationRule;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;

import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The rules the service runs: {@code GET /api/v1/rules} (as {@code cloudwarden rules list --format json} lists them,
 * each with whether it is switched on), switching one off or on ({@code PATCH /api/v1/rules/{id}}, kept in the store
 * and audited, effective for the next event), and the ATT&CK coverage of the rules switched on.
 */
final class RulesApi {
    private final RuleSwitches switches;
    private final ObjectMapper json;

    RulesApi(RuleSwitches switches, ObjectMapper json) {
        this.switches = switches;
        this.json = json;
    }

    void register(ApiServer api) {
        api.route(HandlerType.GET, "/api/v1/rules", Role.VIEWER, "The rules the service runs (q filters by id, title or "
                + "tag; level by the least level; enabled=true|false), its correlations and detectors", this::list);
        api.route(HandlerType.PATCH, "/api/v1/rules/{id}", Role.ADMIN, "Switch a rule off or on: {\"enabled\": false, "
                + "\"reason\": \"...\"}; audited, effective from the next event", this::patch);
        api.route(HandlerType.GET, "/api/v1/rules/coverage", Role.VIEWER, "The ATT&CK techniques and catalog rows the "
                + "rules switched on cover (format=navigator: an ATT&CK Navigator layer)", this::coverage);
    }

    private void list(Context ctx) throws IOException {
        String q = ctx.queryParam("q") == null ? null : ctx.queryParam("q").toLowerCase(Locale.ROOT);
        var level = QueryParams.level(ctx, "level");
        Boolean enabled = QueryParams.bool(ctx, "enabled");
        StringWriter out = new StringWriter();
        try (JsonGenerator g = SafeJsonEscapes.newlineSeparated(out)) {
            g.writeStartObject();
            g.writeNumberField("correlations", switches.rules().correlations().size());
            g.writeArrayFieldStart("rules");
            for (LoadedRule r : switches.rules().rules()) {
                if (q != null && !matches(r, q) || level != null && (r.rule().level() == null
                        || r.rule().level().compareTo(level) < 0) || enabled != null && enabled == switches.offState(r.key()).isPresent()) {
                    continue;
                }
                g.writeStartObject();
                RuleListWriter.writeFields(r, g);
                state(g, r.key());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("correlation_rules");
            for (CorrelationRule c : switches.rules().correlations()) {
                String key = RuleSet.key(c);
                if (q != null && !key.toLowerCase(Locale.ROOT).contains(q) && (c.title() == null
                        || !c.title().toLowerCase(Locale.ROOT).contains(q))
                        || enabled != null && enabled == switches.offState(key).isPresent()) {
                    continue;
                }
                g.writeStartObject();
                g.writeStringField("id", key);
                g.writeStringField("title", c.title());
                g.writeStringField("level", c.level() == null ? null : c.level().id());
                state(g, key);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("switched_off");
            for (RuleState s : switches.switchedOff()) {
                g.writeStartObject();
                g.writeStringField("id", s.ruleId());
                g.writeBooleanField("loaded", switches.isKnown(s.ruleId()));
                g.writeStringField("reason", s.reason());
                g.writeStringField("by", s.changedBy());
                g.writeStringField("at", s.changedAt().toString());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        ctx.contentType("application/json").result(out.toString());
    }

    private void state(JsonGenerator g, String key) throws IOException {
        RuleState s = switches.offState(key).orElse(null);
        g.writeBooleanField("enabled", s == null);
        if (s != null) {
            g.writeStringField("disabled_reason", s.reason());
        }
    }

    private void patch(Context ctx) {
        String id = ctx.pathParam("id");
        if (!switches.isKnown(id)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "no rule " + id + " runs in this service", Map.of());
        }
        JsonNode body = JsonBody.object(ctx, json);
        JsonNode enabled = body.get("enabled");
        if (enabled == null || !enabled.isBoolean()) {
            throw ApiException.badRequest("enabled must be true or false");
        }
        RuleState s;
        try {
            s = switches.set(ApiServer.caller(ctx).name(), id, enabled.asBoolean(), JsonBody.optionalText(body, "reason"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("enabled", s.enabled());
        answer.put("reason", s.reason());
        answer.put("changed_by", s.changedBy());
        answer.put("changed_at", s.changedAt());
        ctx.json(answer);
    }

    private void coverage(Context ctx) throws IOException {
        RuleCoverage coverage = switches.coverage();
        StringWriter out = new StringWriter();
        String format = ctx.queryParam("format");
        if (format == null || format.equals("json")) {
            CoverageWriter.json(coverage, out); // one line per technique, catalog row and log source
            ctx.contentType("application/x-ndjson");
        } else if (format.equals("navigator")) {
            CoverageWriter.navigator(coverage, out);
            ctx.contentType("application/json");
        } else {
            throw ApiException.badRequest("format must be json or navigator");
        }
        ctx.result(out.toString());
    }

    private static boolean matches(LoadedRule r, String q) {
        return r.key().toLowerCase(Locale.ROOT).contains(q) || r.rule().title() != null
                && r.rule().title().toLowerCase(Locale.ROOT).contains(q)
                || r.rule().tags().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(q));
    }
}
