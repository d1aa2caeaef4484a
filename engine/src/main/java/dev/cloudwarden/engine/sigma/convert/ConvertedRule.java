package dev.cloudwarden.engine.sigma.convert;

/**
 * A rule and its SQL condition.
 *
 * @param key       the rule's key ({@code LoadedRule.key()}: its id, or {@code file#title}); names its column
 * @param condition a boolean expression over the column {@code json}
 */
public record ConvertedRule(String key, String condition) {
}
