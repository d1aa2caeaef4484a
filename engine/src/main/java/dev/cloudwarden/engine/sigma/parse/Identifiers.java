package dev.cloudwarden.engine.sigma.parse;

import java.util.regex.Pattern;

/** Matching of {@code 1 of selection*} patterns against search identifier names. */
public final class Identifiers {
    private Identifiers() {
    }

    /** {@code *} matches any run of characters; everything else is literal. */
    public static boolean matches(String pattern, String identifier) {
        if (!pattern.contains("*")) {
            return pattern.equals(identifier);
        }
        StringBuilder regex = new StringBuilder();
        String[] parts = pattern.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            regex.append(i > 0 ? ".*" : "").append(Pattern.quote(parts[i]));
        }
        return identifier.matches(regex.toString());
    }
}
