package dev.cloudwarden.engine.sigma.parse;

/** Stable codes for rule problems: the code, a one-line summary, and when it applies. */
public enum RuleErrorCode {
    YAML_SYNTAX("YAML syntax error", "The file is not valid YAML (or exceeds the loader's limits)."),
    NOT_A_RULE("not a Sigma rule", "A document is not a mapping, or has neither detection, correlation nor filter."),
    MISSING_FIELD("missing required field", "title, logsource, detection and condition are required."),
    INVALID_FIELD("invalid field value", "A field has the wrong type or an unknown value (level, status, timespan...)."),
    UNKNOWN_MODIFIER("unknown modifier", "A field key names a modifier the specification does not define."),
    INVALID_MODIFIER("invalid modifier use", "Modifiers that cannot be combined, or a modifier applied to a value of the wrong type."),
    INVALID_VALUE("invalid value", "A detection value the specification forbids (null in a list, a map as value...)."),
    INVALID_REGEX("invalid regular expression", "A |re value RE2 cannot compile."),
    INVALID_CIDR("invalid CIDR", "A |cidr value that is not an IPv4 or IPv6 network."),
    UNKNOWN_PLACEHOLDER("placeholder without values", "A |expand placeholder that the configuration does not define."),
    CONDITION_SYNTAX("condition syntax error", "The condition does not follow the grammar."),
    UNDEFINED_IDENTIFIER("undefined search identifier", "The condition names a search identifier the detection does not define."),
    UNKNOWN_RULE_REFERENCE("unknown rule reference", "A correlation or filter names a rule that is not loaded."),
    DUPLICATE_ID("duplicate rule id", "Two rules share an id or name.");

    private final String summary;
    private final String description;

    RuleErrorCode(String summary, String description) {
        this.summary = summary;
        this.description = description;
    }

    public String summary() {
        return summary;
    }

    public String description() {
        return description;
    }
}
