package dev.cloudwarden.engine.sigma.load;

/** A rule file's name (path, or {@code builtin:...}) and text. */
public record RuleFile(String name, String text) {
}
