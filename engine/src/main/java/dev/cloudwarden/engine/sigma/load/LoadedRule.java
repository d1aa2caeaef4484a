package dev.cloudwarden.engine.sigma.load;

import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.sigma.eval.ReferenceEvaluator;
import dev.cloudwarden.engine.sigma.model.SigmaRule;

import java.util.List;
import java.util.Set;

/**
 * A detection rule ready to run: its evaluator, the filters that apply to it, and which of our sources can
 * feed it (empty: none can, and {@code rules validate} says so).
 *
 * @param key the rule's id, or {@code file#title} when it has none
 */
public record LoadedRule(String key, SigmaRule rule, ReferenceEvaluator evaluator, List<ReferenceEvaluator> filters,
                         Set<SourceType> fedBy) {
    public LoadedRule {
        filters = List.copyOf(filters);
        fedBy = Set.copyOf(fedBy);
    }
}
