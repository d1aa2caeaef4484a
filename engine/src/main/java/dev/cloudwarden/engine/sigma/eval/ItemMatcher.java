package dev.cloudwarden.engine.sigma.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cloudwarden.engine.event.FieldPath;
import dev.cloudwarden.engine.event.RawRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * One field item, with its values turned into patterns: holds when any pattern holds ({@code all}: every
 * pattern) for the values at the field, or for keyword items, for the values anywhere in the record (see
 * {@link #keywordTargets}).
 */
public record ItemMatcher(FieldPath field, List<ValuePattern> patterns, boolean all) {
    public ItemMatcher {
        patterns = List.copyOf(patterns);
    }

    public boolean test(RawRecord record) {
        List<JsonNode> values = values(record, field);
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

    /** The values an item on {@code field} tests: those at the field, or for keywords (null) {@link #keywordTargets}. */
    public static List<JsonNode> values(RawRecord record, FieldPath field) {
        return field == null ? keywordTargets(record) : record.getAll(field);
    }

    /**
     * What keyword searches look at: every scalar value in the record however deep (numbers and booleans
     * as their text), every object as its compact JSON (DESIGN.md), and for a text record its line.
     */
    static List<JsonNode> keywordTargets(RawRecord record) {
        List<JsonNode> out = new ArrayList<>();
        if (!record.isJson()) {
            out.add(TextNode.valueOf(record.text()));
        }
        collect(record.tree(), out);
        return out;
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isValueNode()) {
            if (!node.isNull()) {
                out.add(node);
            }
        } else if (node.isContainerNode()) {
            if (node.isObject()) {
                out.add(node);
            }
            node.forEach(child -> collect(child, out));
        }
    }
}
