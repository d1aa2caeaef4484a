package dev.cloudwarden.engine.sigma.parse;

import dev.cloudwarden.engine.sigma.model.SourceLocation;

/**
 * One problem in a rule file: what, where, and in which part of the rule
 * ({@code detection.selection.eventName|contians}).
 */
public record RuleError(RuleErrorCode code, String message, String path, SourceLocation location) {
    /** {@code unknown modifier 'contians' at detection.selection.eventName|contians, rules/x.yml:14:7}. */
    @Override
    public String toString() {
        return message + (path == null || path.isEmpty() ? "" : " at " + path) + ", " + location;
    }
}
