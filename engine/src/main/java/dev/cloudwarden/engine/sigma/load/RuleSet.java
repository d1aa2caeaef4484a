package dev.cloudwarden.engine.sigma.load;

import dev.cloudwarden.engine.sigma.eval.ReferenceEvaluator;
import dev.cloudwarden.engine.sigma.eval.RuleSemanticException;
import dev.cloudwarden.engine.sigma.eval.SigmaConfig;
import dev.cloudwarden.engine.sigma.logsource.LogSourceMapping;
import dev.cloudwarden.engine.sigma.model.CorrelationRule;
import dev.cloudwarden.engine.sigma.model.SigmaFilter;
import dev.cloudwarden.engine.sigma.model.SigmaRule;
import dev.cloudwarden.engine.sigma.parse.RuleError;
import dev.cloudwarden.engine.sigma.parse.RuleErrorCode;
import dev.cloudwarden.engine.sigma.parse.RuleParser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules parsed, checked and compiled together, with every problem collected (a bad rule is reported and
 * left out; the others still load). Filters are attached to the rules they name; references that name no
 * loaded rule are errors.
 */
public final class RuleSet {
    private final List<LoadedRule> rules;
    private final List<CorrelationRule> correlations;
    private final List<RuleError> errors;
    private final int files;

    private RuleSet(List<LoadedRule> rules, List<CorrelationRule> correlations, List<RuleError> errors, int files) {
        this.rules = List.copyOf(rules);
        this.correlations = List.copyOf(correlations);
        this.errors = List.copyOf(errors);
        this.files = files;
    }

    public static RuleSet compile(List<RuleFile> files, SigmaConfig config) {
        return compile(files, config, RuleTuning.NONE);
    }

    /** As {@link #compile(List, SigmaConfig)}, with local level changes applied to the rules they name. */
    public static RuleSet compile(List<RuleFile> files, SigmaConfig config, RuleTuning tuning) {
        RuleParser parser = new RuleParser();
        List<SigmaRule> parsed = new ArrayList<>();
        List<SigmaFilter> filters = new ArrayList<>();
        List<CorrelationRule> correlations = new ArrayList<>();
        List<RuleError> errors = new ArrayList<>();
        for (RuleFile f : files) {
            RuleParser.Result r = parser.parse(f.name(), f.text());
            parsed.addAll(r.rules());
            filters.addAll(r.filters());
            correlations.addAll(r.correlations());
            errors.addAll(r.errors());
        }
        Map<String, SigmaRule> byKey = new HashMap<>();
        List<LoadedRule> loaded = new ArrayList<>();
        Map<String, List<ReferenceEvaluator>> filtersByRule = new HashMap<>();
        for (SigmaFilter filter : filters) {
            try {
                ReferenceEvaluator ev = ReferenceEvaluator.of(filter, config);
                filter.rules().forEach(ref -> filtersByRule.computeIfAbsent(ref, k -> new ArrayList<>()).add(ev));
            } catch (RuleSemanticException e) {
                errors.add(e.error());
            }
        }
        for (SigmaRule parsedRule : parsed) {
            String key = parsedRule.id() != null ? parsedRule.id() : parsedRule.source().file() + "#" + parsedRule.title();
            SigmaRule rule = tuning.apply(key, parsedRule);
            if (byKey.putIfAbsent(key, rule) != null) {
                errors.add(new RuleError(RuleErrorCode.DUPLICATE_ID, "id '" + key + "' is also used by "
                        + byKey.get(key).source(), "id", rule.source()));
                continue;
            }
            if (rule.name() != null) {
                byKey.putIfAbsent(rule.name(), rule);
            }
            try {
                List<ReferenceEvaluator> ruleFilters = new ArrayList<>(filtersByRule.getOrDefault(key, List.of()));
                if (rule.name() != null) {
                    ruleFilters.addAll(filtersByRule.getOrDefault(rule.name(), List.of()));
                }
                loaded.add(new LoadedRule(key, rule, ReferenceEvaluator.of(rule, config), ruleFilters,
                        LogSourceMapping.sourcesFor(rule.logSource())));
            } catch (RuleSemanticException e) {
                errors.add(e.error());
            }
        }
        for (SigmaFilter filter : filters) {
            for (String ref : filter.rules()) {
                if (!byKey.containsKey(ref)) {
                    errors.add(new RuleError(RuleErrorCode.UNKNOWN_RULE_REFERENCE, "filter '" + filter.title()
                            + "' names rule '" + ref + "', which is not loaded", "filter.rules", filter.source()));
                }
            }
        }
        for (CorrelationRule c : correlations) {
            for (String ref : c.rules()) {
                boolean known = byKey.containsKey(ref) || correlations.stream().anyMatch(o -> ref.equals(o.id()) || ref.equals(o.name()));
                if (!known) {
                    errors.add(new RuleError(RuleErrorCode.UNKNOWN_RULE_REFERENCE, "correlation '" + c.title()
                            + "' names rule '" + ref + "', which is not loaded", "correlation.rules", c.source()));
                }
            }
        }
        return new RuleSet(loaded, correlations, errors, files.size());
    }

    public List<LoadedRule> rules() {
        return rules;
    }

    public List<CorrelationRule> correlations() {
        return correlations;
    }

    public List<RuleError> errors() {
        return errors;
    }

    public int files() {
        return files;
    }
}
