package dev.cloudwarden.engine.sigma.model;

import dev.cloudwarden.engine.alert.Level;

import java.util.List;
import java.util.Map;

/**
 * A Sigma detection rule.
 *
 * @param identifiers search identifiers in file order
 * @param conditions  the condition, or several (a list in YAML, OR-ed)
 * @param grouping    the rule's own alert grouping ({@code grouping:} attribute), or null for the run's default
 * @param source      the file and line of the rule's document
 */
public record SigmaRule(
        String title,
        String id,
        String name,
        String status,
        String description,
        String author,
        String date,
        String modified,
        List<String> references,
        RuleLogSource logSource,
        Map<String, DetectionNode> identifiers,
        List<Condition> conditions,
        List<String> conditionTexts,
        Level level,
        List<String> tags,
        List<String> fields,
        List<String> falsePositives,
        List<Related> related,
        RuleGrouping grouping,
        SourceLocation source) {

    public SigmaRule {
        references = List.copyOf(references);
        identifiers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(identifiers));
        conditions = List.copyOf(conditions);
        conditionTexts = List.copyOf(conditionTexts);
        tags = List.copyOf(tags);
        fields = List.copyOf(fields);
        falsePositives = List.copyOf(falsePositives);
        related = List.copyOf(related);
    }

    /** {@code related:} entry. */
    public record Related(String id, String type) {
    }

    /** ATT&CK technique tags, e.g. {@code attack.t1078.004}. */
    public List<String> attackTechniques() {
        return tags.stream().filter(t -> t.matches("(?i)attack\\.t\\d{4}(\\.\\d{3})?")).toList();
    }
}
