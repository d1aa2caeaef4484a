package dev.cloudwarden.engine.sigma.load;

/**
 * A rule file's name (path, or {@code builtin:...}) and text, and whether it ships with CloudWarden: a rule
 * from a user's file replaces the built-in rule with the same id (see {@link RuleSet}).
 */
public record RuleFile(String name, String text, boolean builtIn) {
    /** A user's rule file. */
    public RuleFile(String name, String text) {
        this(name, text, false);
    }
}
