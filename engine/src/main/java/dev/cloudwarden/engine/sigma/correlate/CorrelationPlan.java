package dev.cloudwarden.engine.sigma.correlate;

import dev.cloudwarden.engine.event.FieldPath;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.model.CorrelationRule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The correlations of a rule set, resolved once: which correlation listens to which rule (by id or name,
 * detection rule or correlation), the fields to read for each (aliases applied), and whose alerts stay
 * internal because of {@code generate}. Immutable; shared by every instance of the operator.
 */
final class CorrelationPlan {
    final List<CompiledCorrelation> correlations;
    /** {@link LoadedRule#key()} → the correlations that reference that detection rule. */
    final Map<String, List<Subscription>> byRule;
    /** correlation index → the correlations that chain on its alerts. */
    final List<List<Subscription>> byCorrelation;
    /** Detection rules whose own alerts are not emitted (referenced, and no referrer has generate: true). */
    final Set<String> silencedRules;
    /** Correlations whose own alerts are not emitted, only chained. */
    final boolean[] silencedCorrelations;
    final List<String> problems;

    private CorrelationPlan(List<CompiledCorrelation> correlations, Map<String, List<Subscription>> byRule,
                            List<List<Subscription>> byCorrelation, Set<String> silencedRules,
                            boolean[] silencedCorrelations, List<String> problems) {
        this.correlations = List.copyOf(correlations);
        this.byRule = Map.copyOf(byRule);
        this.byCorrelation = byCorrelation.stream().map(List::copyOf).toList();
        this.silencedRules = Set.copyOf(silencedRules);
        this.silencedCorrelations = silencedCorrelations;
        this.problems = List.copyOf(problems);
    }

    static CorrelationPlan of(RuleSet set) {
        List<String> problems = new ArrayList<>();
        List<CorrelationRule> runnable = runnable(set, problems);
        Map<String, Integer> correlationsByRef = new HashMap<>();
        List<CompiledCorrelation> compiled = new ArrayList<>();
        for (CorrelationRule c : runnable) {
            CompiledCorrelation cc = CompiledCorrelation.of(compiled.size(), c);
            compiled.add(cc);
            Stream.of(cc.key(), c.id(), c.name()).filter(Objects::nonNull)
                    .forEach(ref -> correlationsByRef.putIfAbsent(ref, cc.index()));
        }

        Map<String, List<Subscription>> byRule = new LinkedHashMap<>();
        List<List<Subscription>> byCorrelation = new ArrayList<>();
        compiled.forEach(c -> byCorrelation.add(new ArrayList<>()));
        Set<String> referenced = new HashSet<>();
        Set<String> generated = new HashSet<>();
        for (CompiledCorrelation c : compiled) {
            List<String> refs = c.rule().rules();
            for (int i = 0; i < refs.size(); i++) {
                String ref = refs.get(i);
                LoadedRule base = set.rule(ref).orElse(null);
                String target;
                Subscription s;
                if (base != null) {
                    target = base.key();
                    s = subscription(c, i, names(ref, base.key(), base.rule().id(), base.rule().name()));
                    byRule.computeIfAbsent(target, k -> new ArrayList<>()).add(s);
                } else if (correlationsByRef.containsKey(ref)) {
                    CompiledCorrelation inner = compiled.get(correlationsByRef.get(ref));
                    target = "#" + inner.index();
                    s = subscription(c, i, names(ref, inner.key(), inner.rule().id(), inner.rule().name()));
                    byCorrelation.get(inner.index()).add(s);
                } else {
                    continue; // RuleSet already reported it; the correlation simply never sees that rule
                }
                referenced.add(target);
                if (c.rule().generate()) {
                    generated.add(target);
                }
            }
        }
        Set<String> silencedRules = new HashSet<>();
        boolean[] silencedCorrelations = new boolean[compiled.size()];
        for (String target : referenced) {
            if (!generated.contains(target)) {
                if (target.startsWith("#")) {
                    silencedCorrelations[Integer.parseInt(target.substring(1))] = true;
                } else {
                    silencedRules.add(target);
                }
            }
        }
        return new CorrelationPlan(compiled, byRule, byCorrelation, silencedRules, silencedCorrelations, problems);
    }

    /**
     * The correlations that can run: a correlation in a reference cycle (or chained onto one) would never
     * settle, so it is left out and named in {@link #problems}. Peels off, round by round, the correlations
     * whose referenced correlations have all been kept.
     */
    private static List<CorrelationRule> runnable(RuleSet set, List<String> problems) {
        List<CorrelationRule> all = set.correlations();
        Map<String, CorrelationRule> byRef = new HashMap<>();
        for (CorrelationRule c : all) {
            Stream.of(c.id(), c.name()).filter(Objects::nonNull).forEach(ref -> byRef.putIfAbsent(ref, c));
        }
        Set<CorrelationRule> kept = new HashSet<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (CorrelationRule c : all) {
                if (!kept.contains(c) && c.rules().stream().allMatch(ref -> set.rule(ref).isPresent()
                        || !byRef.containsKey(ref) || kept.contains(byRef.get(ref)))) {
                    kept.add(c);
                    progress = true;
                }
            }
        }
        List<CorrelationRule> out = new ArrayList<>();
        for (CorrelationRule c : all) {
            if (kept.contains(c)) {
                out.add(c);
            } else {
                problems.add(c.source() + ": correlation '" + c.title()
                        + "' is part of (or chained onto) a cycle of correlation references; it does not run");
            }
        }
        return out;
    }

    /** Every name a rule can be known by in an alias table, most specific (as written in rules:) first. */
    private static List<String> names(String... names) {
        return Stream.of(names).filter(Objects::nonNull).distinct().toList();
    }

    private static Subscription subscription(CompiledCorrelation c, int ruleIndex, List<String> ruleNames) {
        Map<String, Map<String, String>> aliases = c.rule().aliases();
        List<FieldPath> groupBy = c.rule().groupBy().stream().map(g -> FieldPath.of(field(g, aliases, ruleNames))).toList();
        CorrelationRule.Threshold t = c.rule().condition();
        FieldPath value = t == null || t.field() == null ? null : FieldPath.of(field(t.field(), aliases, ruleNames));
        return new Subscription(c.index(), ruleIndex, groupBy, value);
    }

    /** An alias resolves to the field it names for this rule; any other name is a field name already. */
    private static String field(String name, Map<String, Map<String, String>> aliases, List<String> ruleNames) {
        Map<String, String> perRule = aliases.get(name);
        if (perRule != null) {
            for (String n : ruleNames) {
                String f = perRule.get(n);
                if (f != null) {
                    return f;
                }
            }
        }
        return name;
    }
}
