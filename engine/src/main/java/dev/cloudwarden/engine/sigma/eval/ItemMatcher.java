package dev.cloudwarden.engine.sigma.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.FieldPath;
import dev.cloudwarden.engine.event.RawRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * One field item, with its values turned into patterns: holds when any pattern holds ({@code all}: every
 * pattern) for the values at the field, or for keyword items, for the string values anywhere in the record.
 */
public record ItemMatcher(FieldPath field, List<ValuePattern> patterns, boolean all) {
    public ItemMatcher {
        patterns = List.copyOf(patterns);
    }

    public boolean test(RawRecord record) {
        List<JsonNode> values = field == null ? allStrings(record.tree()) : record.getAll(field);
        if (all) {
            for (ValuePattern p : patterns) {
                if (!p.test(values, record)) {
                    return false;
                }
            }
            return true;
        }
        for (ValuePattern p : patterns) {
            if (p.test(values, record)) {
                return true;
            }
        }
        return false;
    }

    /** Every string value in the record, however deep: what keyword searches look at. */
    static List<JsonNode> allStrings(JsonNode root) {
        List<JsonNode> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isTextual()) {
            out.add(node);
        } else if (node.isContainerNode()) {
            node.forEach(child -> collect(child, out));
        }
    }
}
