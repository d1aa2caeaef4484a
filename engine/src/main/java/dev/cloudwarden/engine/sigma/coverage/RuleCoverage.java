package dev.cloudwarden.engine.sigma.coverage;

import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.incident.CatalogRow;
import dev.cloudwarden.engine.incident.Classification;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.model.CorrelationRule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ATT&CK techniques ({@code attack.t1078.004} tags) and threat-catalog rows ({@code cloudwarden.t2} tags) that
 * a rule set's detection and correlation rules name, with the rules behind each. Only tags count: a technique that
 * merely implies a catalog row (as {@link Classification} reads SigmaHQ's rules for incidents) does not make a rule
 * cover that row, so a row without a curated rule shows as uncovered.
 *
 * @param techniques every technique some rule names, by id
 * @param catalog    every catalog row in catalog order, with no rules where none names it
 */
public record RuleCoverage(List<Covered<String>> techniques, List<Covered<CatalogRow>> catalog) {
    /** Rules ranked for a reader: most severe first, then by title. */
    private static final Comparator<CoveringRule> ORDER = Comparator
            .comparing((CoveringRule r) -> r.level() == null ? -1 : r.level().ordinal(), Comparator.reverseOrder())
            .thenComparing(CoveringRule::title).thenComparing(CoveringRule::id);

    public RuleCoverage {
        techniques = List.copyOf(techniques);
        catalog = List.copyOf(catalog);
    }

    /** A technique or catalog row and the rules that name it. */
    public record Covered<T>(T what, List<CoveringRule> rules) {
        public Covered {
            rules = rules.stream().sorted(ORDER).toList();
        }

        /** The parsed log sources that feed at least one of its rules. */
        public Set<SourceType> fedBy() {
            Set<SourceType> out = EnumSet.noneOf(SourceType.class);
            rules.forEach(r -> out.addAll(r.fedBy()));
            return out;
        }

        public boolean fed() {
            return rules.stream().anyMatch(CoveringRule::fed);
        }
    }

    public static RuleCoverage of(RuleSet set) {
        return of(set, key -> true);
    }

    /** The coverage of the rules that run: those {@code running} accepts by key (a service's rules not switched off). */
    public static RuleCoverage of(RuleSet set, java.util.function.Predicate<String> running) {
        List<TaggedRule> tagged = new ArrayList<>();
        for (LoadedRule r : set.rules()) {
            if (!running.test(r.key())) {
                continue;
            }
            tagged.add(new TaggedRule(new CoveringRule(r.key(), r.rule().title(), r.rule().level(), false, r.fedBy()),
                    r.rule().tags()));
        }
        for (CorrelationRule c : set.correlations()) {
            if (!running.test(RuleSet.key(c))) {
                continue;
            }
            tagged.add(new TaggedRule(new CoveringRule(RuleSet.key(c), c.title(), c.level(), true, fedBy(c, set, new HashSet<>())),
                    c.tags()));
        }
        Map<String, List<CoveringRule>> byTechnique = new TreeMap<>();
        Map<CatalogRow, List<CoveringRule>> byRow = new EnumMap<>(CatalogRow.class);
        for (CatalogRow row : CatalogRow.values()) {
            byRow.put(row, new ArrayList<>());
        }
        for (TaggedRule t : tagged) {
            Classification.techniques(t.tags()).forEach(id -> byTechnique.computeIfAbsent(id, k -> new ArrayList<>()).add(t.rule()));
            Classification.catalogIds(t.tags()).forEach(id -> CatalogRow.byId(id).ifPresent(row -> byRow.get(row).add(t.rule())));
        }
        return new RuleCoverage(byTechnique.entrySet().stream().map(e -> new Covered<>(e.getKey(), e.getValue())).toList(),
                byRow.entrySet().stream().map(e -> new Covered<>(e.getKey(), e.getValue())).toList());
    }

    /**
     * The techniques each parsed log source feeds a rule of, sources in their declared order, techniques sorted: what a
     * team covers if it ships that one log.
     */
    public Map<SourceType, List<String>> techniquesBySource() {
        Map<SourceType, SortedSet<String>> bySource = new EnumMap<>(SourceType.class);
        for (Covered<String> t : techniques) {
            for (SourceType source : t.fedBy()) {
                bySource.computeIfAbsent(source, k -> new TreeSet<>()).add(t.what());
            }
        }
        Map<SourceType, List<String>> out = new EnumMap<>(SourceType.class);
        bySource.forEach((source, ids) -> out.put(source, List.copyOf(ids)));
        return out;
    }

    /** Catalog rows that no loaded rule names. */
    public List<CatalogRow> uncoveredRows() {
        return catalog.stream().filter(c -> c.rules().isEmpty()).map(Covered::what).toList();
    }

    private record TaggedRule(CoveringRule rule, List<String> tags) {
    }

    /**
     * A correlation sees events through the rules it counts, so the sources feeding those rules feed it; a
     * correlation it chains onto counts with its own rules. {@code visiting} stops a cycle of references (such
     * correlations never run; the rule set reports them).
     */
    private static Set<SourceType> fedBy(CorrelationRule c, RuleSet set, Set<CorrelationRule> visiting) {
        Set<SourceType> out = EnumSet.noneOf(SourceType.class);
        if (!visiting.add(c)) {
            return out;
        }
        for (String ref : c.rules()) {
            Optional<LoadedRule> rule = set.rule(ref);
            if (rule.isPresent()) {
                out.addAll(rule.get().fedBy());
            } else {
                set.correlations().stream().filter(o -> ref.equals(o.id()) || ref.equals(o.name()))
                        .findFirst().ifPresent(o -> out.addAll(fedBy(o, set, visiting)));
            }
        }
        return out;
    }
}
