package dev.cloudwarden.engine.sigma.eval;

import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.sigma.model.Condition;
import dev.cloudwarden.engine.sigma.model.DetectionNode;
import dev.cloudwarden.engine.sigma.model.SigmaFilter;
import dev.cloudwarden.engine.sigma.model.SigmaRule;
import dev.cloudwarden.engine.sigma.parse.Identifiers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plain interpreter of a rule's detection: every search identifier evaluated as the condition asks,
 * on the event's raw record, with no index and no shortcuts beyond short-circuit logic. It is the
 * reference the compiled engine is tested against, and the fallback for rules the compiler cannot index.
 * Immutable and thread-safe once built.
 */
public final class ReferenceEvaluator {
    private final Map<String, DetectionMatcher> identifiers;
    private final List<Condition> conditions;

    private ReferenceEvaluator(Map<String, DetectionMatcher> identifiers, List<Condition> conditions) {
        this.identifiers = identifiers;
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
        return new ReferenceEvaluator(compiled, conditions);
    }

    /** True when any of the rule's conditions holds for the record. */
    public boolean matches(RawRecord record) {
        for (Condition c : conditions) {
            if (eval(c, record)) {
                return true;
            }
        }
        return false;
    }

    private boolean eval(Condition c, RawRecord record) {
        if (c instanceof Condition.Ref r) {
            return identifiers.get(r.identifier()).test(record);
        }
        if (c instanceof Condition.And and) {
            for (Condition o : and.operands()) {
                if (!eval(o, record)) {
                    return false;
                }
            }
            return true;
        }
        if (c instanceof Condition.Or or) {
            for (Condition o : or.operands()) {
                if (eval(o, record)) {
                    return true;
                }
            }
            return false;
        }
        if (c instanceof Condition.Not not) {
            return !eval(not.operand(), record);
        }
        Condition.OfPattern of = (Condition.OfPattern) c;
        boolean any = false;
        for (Map.Entry<String, DetectionMatcher> e : identifiers.entrySet()) {
            String name = e.getKey();
            boolean selected = of.pattern() == null ? !name.startsWith("_") : Identifiers.matches(of.pattern(), name);
            if (!selected) {
                continue;
            }
            boolean hit = e.getValue().test(record);
            if (of.all() && !hit) {
                return false;
            }
            if (!of.all() && hit) {
                return true;
            }
            any = true;
        }
        return of.all() && any;
    }
}
