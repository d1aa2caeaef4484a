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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rules parsed, checked and compiled together, with every problem collected (a bad rule is reported and
 * left out; the others still load). Filters are attached to the rules they name; references that name no
 * loaded rule are errors.
 *
 * <p>A rule from a user's file ({@link RuleFile#builtIn()} false) replaces the built-in rule with the same id: a
 * newer SigmaHQ checkout passed with {@code --rules} is the usual case. The built-in rule is left out and listed
 * in {@link #replacements()}; filters and correlations that name it, by id or by its name, get the user's rule.
 * Two rules with one id on the same side (two user files, or the built-in pack itself) are still an error.
 */
public final class RuleSet {
    private final List<LoadedRule> rules;
    private final List<CorrelationRule> correlations;
    private final List<Replacement> replacements;
    private final Map<String, LoadedRule> byReference;
    private final List<RuleError> errors;
    private final int files;

    private RuleSet(List<LoadedRule> rules, List<CorrelationRule> correlations, List<Replacement> replacements,
                    Map<String, LoadedRule> byReference, List<RuleError> errors, int files) {
        this.rules = List.copyOf(rules);
        this.correlations = List.copyOf(correlations);
        this.replacements = List.copyOf(replacements);
        this.byReference = Map.copyOf(byReference);
        this.errors = List.copyOf(errors);
        this.files = files;
    }

    /** One rule compiled (or refused) with the names it can be referred to by. */
    private record Compiled(Set<String> references, LoadedRule rule, RuleError error) {
    }

    public static RuleSet compile(List<RuleFile> files, SigmaConfig config) {
        return compile(files, config, RuleTuning.NONE);
    }

    /**
     * As {@link #compile(List, SigmaConfig)}, with the built-in pack's level changes applied to its rules. A
     * user's rule keeps the level it declares, a replacement included: the tuning was written for the built-in text.
     */
    public static RuleSet compile(List<RuleFile> files, SigmaConfig config, RuleTuning builtInTuning) {
        // Files parse, and rules compile, on every core (results in file order): with 300 rules they are most of a
        // scan's start-up, in a JVM that has not warmed up yet.
        List<RuleParser.Result> results = files.parallelStream().map(f -> new RuleParser().parse(f.name(), f.text()))
                .toList();
        List<SigmaRule> parsed = new ArrayList<>();
        List<SigmaFilter> filters = new ArrayList<>();
        List<CorrelationRule> parsedCorrelations = new ArrayList<>();
        List<RuleError> errors = new ArrayList<>();
        Set<String> builtInFiles = new HashSet<>();
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).builtIn()) {
                builtInFiles.add(files.get(i).name());
            }
            RuleParser.Result r = results.get(i);
            parsed.addAll(r.rules());
            filters.addAll(r.filters());
            parsedCorrelations.addAll(r.correlations());
            errors.addAll(r.errors());
        }
        RuleIds ids = new RuleIds(builtInFiles, parsed, parsedCorrelations);
        List<SigmaRule> admitted = new ArrayList<>();
        for (SigmaRule r : parsed) {
            if (ids.admit(r)) {
                admitted.add(r);
            }
        }
        List<CorrelationRule> correlations = new ArrayList<>();
        for (CorrelationRule c : parsedCorrelations) {
            if (ids.admit(c)) {
                correlations.add(c);
            }
        }
        errors.addAll(ids.errors());

        Map<String, List<ReferenceEvaluator>> filtersByRef = compileFilters(filters, config, errors);
        Map<String, List<String>> replacedNamesByKey = new HashMap<>();
        ids.replacedNames().forEach((name, key) -> replacedNamesByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(name));
        List<Compiled> compiled = admitted.parallelStream().map(parsedRule -> {
            String key = RuleIds.key(parsedRule);
            SigmaRule rule = ids.builtIn(parsedRule.source()) ? builtInTuning.apply(key, parsedRule) : parsedRule;
            Set<String> refs = new LinkedHashSet<>();
            refs.add(key);
            if (rule.name() != null) {
                refs.add(rule.name());
            }
            refs.addAll(replacedNamesByKey.getOrDefault(key, List.of()));
            try {
                List<ReferenceEvaluator> ruleFilters = new ArrayList<>();
                refs.forEach(ref -> ruleFilters.addAll(filtersByRef.getOrDefault(ref, List.of())));
                return new Compiled(refs, new LoadedRule(key, rule, ReferenceEvaluator.of(rule, config), ruleFilters,
                        LogSourceMapping.sourcesFor(rule.logSource())), null);
            } catch (RuleSemanticException e) {
                return new Compiled(refs, null, e.error());
            }
        }).toList();
        Set<String> known = new HashSet<>();
        Map<String, LoadedRule> byReference = new HashMap<>();
        List<LoadedRule> loaded = new ArrayList<>();
        for (Compiled c : compiled) {
            known.addAll(c.references());
            if (c.rule() == null) {
                errors.add(c.error());
                continue;
            }
            loaded.add(c.rule());
            c.references().forEach(ref -> byReference.putIfAbsent(ref, c.rule()));
        }
        checkReferences(filters, correlations, known, errors);
        return new RuleSet(loaded, correlations, ids.replacements(), byReference, errors, files.size());
    }

    /** Compiled filters by the rule id or name they apply to. */
    private static Map<String, List<ReferenceEvaluator>> compileFilters(List<SigmaFilter> filters, SigmaConfig config,
                                                                       List<RuleError> errors) {
        Map<String, List<ReferenceEvaluator>> byRef = new HashMap<>();
        for (SigmaFilter filter : filters) {
            try {
                ReferenceEvaluator ev = ReferenceEvaluator.of(filter, config);
                filter.rules().forEach(ref -> byRef.computeIfAbsent(ref, k -> new ArrayList<>()).add(ev));
            } catch (RuleSemanticException e) {
                errors.add(e.error());
            }
        }
        return byRef;
    }

    /** Filters and correlations must name a rule that is loaded (or that failed to compile: it is reported already). */
    private static void checkReferences(List<SigmaFilter> filters, List<CorrelationRule> correlations, Set<String> known,
                                        List<RuleError> errors) {
        for (SigmaFilter filter : filters) {
            for (String ref : filter.rules()) {
                if (!known.contains(ref)) {
                    errors.add(new RuleError(RuleErrorCode.UNKNOWN_RULE_REFERENCE, "filter '" + filter.title()
                            + "' names rule '" + ref + "', which is not loaded", "filter.rules", filter.source()));
                }
            }
        }
        for (CorrelationRule c : correlations) {
            for (String ref : c.rules()) {
                boolean isKnown = known.contains(ref)
                        || correlations.stream().anyMatch(o -> ref.equals(o.id()) || ref.equals(o.name()));
                if (!isKnown) {
                    errors.add(new RuleError(RuleErrorCode.UNKNOWN_RULE_REFERENCE, "correlation '" + c.title()
                            + "' names rule '" + ref + "', which is not loaded", "correlation.rules", c.source()));
                }
            }
        }
    }

    public List<LoadedRule> rules() {
        return rules;
    }

    /** The loaded rule a filter or correlation means by {@code reference}: its id, its name, or a name of the built-in rule it replaced. */
    public Optional<LoadedRule> rule(String reference) {
        return Optional.ofNullable(byReference.get(reference));
    }

    /** The id a correlation's alerts carry: its id, or {@code file#title} like detection rules without one. */
    public static String key(CorrelationRule c) {
        return RuleIds.key(c);
    }

    public List<CorrelationRule> correlations() {
        return correlations;
    }

    /** Built-in rules left out because a user's rule has their id, in load order. */
    public List<Replacement> replacements() {
        return replacements;
    }

    public List<RuleError> errors() {
        return errors;
    }

    public int files() {
        return files;
    }
}
