package dev.cloudwarden.engine.sigma.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.FieldPath;

import java.util.regex.Pattern;

/** How rule values see event values: as text (objects as compact JSON) and as numbers. */
public final class FieldValues {
    /** Plain decimal numbers only: no hex floats (0x1p3), type suffixes (5d), NaN or Infinity. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private FieldValues() {
    }

    /** The text a string pattern is matched against, or null for JSON null. */
    public static String text(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    /** The number a numeric comparison reads: JSON numbers and numeric strings; null otherwise. */
    static Double number(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            return parseNumber(v.asText().trim());
        }
        return null;
    }

    static Double parseNumber(String s) {
        if (s.isEmpty() || !DECIMAL.matcher(s).matches()) {
            return null;
        }
        double d = Double.parseDouble(s);
        return Double.isInfinite(d) ? null : d;
    }

    /**
     * Whether the key at {@code path} is present, whatever its value: a JSON null or an empty array or
     * object counts. Looks keys up as {@code RawRecord} does (the longest literal dotted key first; arrays
     * on the way fan out), but stops at the path's end instead of fanning out the array found there.
     */
    static boolean present(JsonNode node, FieldPath path, int index) {
        if (index == path.length()) {
            return true;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (present(element, path, index)) {
                    return true;
                }
            }
            return false;
        }
        if (!node.isObject()) {
            return false;
        }
        for (int end = path.length(); end > index; end--) {
            JsonNode child = node.get(path.joined(index, end));
            if (child != null) {
                return present(child, path, end);
            }
        }
        return false;
    }
}
