package dev.cloudwarden.engine.sigma.eval;

import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.sigma.model.Condition;
import dev.cloudwarden.engine.sigma.model.DetectionNode;
import dev.cloudwarden.engine.sigma.model.SigmaFilter;
import dev.cloudwarden.engine.sigma.model.SigmaRule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The plain interpreter of a rule's detection: every search identifier evaluated as the condition asks,
 * on the event's raw record, with no index and no shortcuts beyond short-circuit logic. It is the
 * reference the compiled engine is tested against, and the fallback for rules the compiler cannot index.
 * Immutable and thread-safe once built.
 */
public final class ReferenceEvaluator {
    private final List<DetectionMatcher> conditions;

    private ReferenceEvaluator(List<DetectionMatcher> conditions) {
        this.conditions = conditions;
    }

    public static ReferenceEvaluator of(SigmaRule rule, SigmaConfig config) throws RuleSemanticException {
        return of(rule.identifiers(), rule.conditions(), "detection", config);
    }

    public static ReferenceEvaluator of(SigmaFilter filter, SigmaConfig config) throws RuleSemanticException {
        return of(filter.identifiers(), filter.conditions(), "filter", config);
    }

    private static ReferenceEvaluator of(Map<String, DetectionNode> nodes, List<Condition> conditions, String root,
                                         SigmaConfig config) throws RuleSemanticException {
        Map<String, DetectionMatcher> compiled = new LinkedHashMap<>();
        for (Map.Entry<String, DetectionNode> e : nodes.entrySet()) {
            compiled.put(e.getKey(), DetectionMatcher.compile(e.getValue(), root + "." + e.getKey(), config));
        }
        return new ReferenceEvaluator(conditions.stream().map(c -> DetectionMatcher.condition(c, compiled)).toList());
    }

    /**
     * Literals one of which a record must hold (case-folded, at the field each names) for the detection to match,
     * or empty when it requires none: what a rule group prefilters by ({@link RequiredLiterals}).
     */
    public Optional<Set<RequiredLiterals.Literal>> requiredLiterals() {
        return Optional.ofNullable(RequiredLiterals.of(conditions));
    }

    /** True when any of the rule's conditions holds for the record. */
    public boolean matches(RawRecord record) {
        for (DetectionMatcher c : conditions) {
            if (c.test(record)) {
                return true;
            }
        }
        return false;
    }
}
