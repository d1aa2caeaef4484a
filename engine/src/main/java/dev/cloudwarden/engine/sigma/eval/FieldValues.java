package dev.cloudwarden.engine.sigma.eval;

import com.fasterxml.jackson.databind.JsonNode;

/** How rule values see event values: as text (objects as compact JSON) and as numbers. */
final class FieldValues {
    private FieldValues() {
    }

    /** The text a string pattern is matched against, or null for JSON null. */
    static String text(JsonNode v) {
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
        if (s.isEmpty() || !(Character.isDigit(s.charAt(s.length() - 1)) || s.endsWith("."))) {
            return null;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
