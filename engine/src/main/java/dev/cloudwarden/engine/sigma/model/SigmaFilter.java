package dev.cloudwarden.engine.sigma.model;

import java.util.List;
import java.util.Map;

/**
 * A Sigma filter (meta-rule): matches of the named rules are dropped when the filter's detection holds
 * for the event. The condition is evaluated like a rule's; the filter applies only to events of its
 * logsource.
 */
public record SigmaFilter(
        String title,
        String id,
        String name,
        String description,
        List<String> rules,
        RuleLogSource logSource,
        Map<String, DetectionNode> identifiers,
        List<Condition> conditions,
        SourceLocation source) {

    public SigmaFilter {
        rules = List.copyOf(rules);
        identifiers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(identifiers));
        conditions = List.copyOf(conditions);
    }
}
