package dev.cloudwarden.engine.posture.source.hadoop;

import dev.cloudwarden.engine.posture.model.Unknown;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hadoop's {@code ${name}} substitution, limited to what one file can answer: a value whose references all resolve
 * within the file is expanded; any other reference (another file's property, {@code ${env.X}}, a system property, a
 * cycle) makes the whole value unknown rather than a guess.
 */
final class VariableExpansion {
    /** Hadoop itself stops after 20 rounds of substitution. */
    private static final int MAX_ROUNDS = 20;
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}$\\s]+)}");

    private final Map<String, String> properties;

    VariableExpansion(Map<String, String> properties) {
        this.properties = properties;
    }

    Object expand(String value) {
        if (value == null || !value.contains("${")) {
            return value;
        }
        String expanded = expand(value, new HashSet<>(), 0);
        return expanded == null ? Unknown.of(value) : expanded;
    }

    /** The value with its references replaced, or null when one cannot be answered here. */
    private String expand(String value, Set<String> visiting, int depth) {
        if (depth > MAX_ROUNDS) {
            return null;
        }
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String target = properties.get(name);
            if (target == null || !visiting.add(name)) {
                return null;
            }
            String inner = expand(target, visiting, depth + 1);
            visiting.remove(name);
            if (inner == null) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(inner));
        }
        m.appendTail(out);
        return out.toString();
    }
}
