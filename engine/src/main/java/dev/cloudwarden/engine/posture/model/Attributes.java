package dev.cloudwarden.engine.posture.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plain data a resource's attributes are made of: {@link String}, {@link Long}, {@link Double}, {@link Boolean},
 * null, {@link List}, {@link Map} with string keys, and {@link Unknown}. Parsers may hand in other numbers and
 * mutable collections; {@link #freeze} normalises them once, so checks compare like with like.
 */
public final class Attributes {
    private Attributes() {
    }

    /** A deep, unmodifiable copy with numbers as Long or Double; insertion order kept. */
    public static Map<String, Object> freeze(Map<String, ?> attributes) {
        Map<String, Object> copy = new LinkedHashMap<>();
        attributes.forEach((k, v) -> copy.put(k, freezeValue(v)));
        return Collections.unmodifiableMap(copy);
    }

    /** One value made plain (see the class documentation); anything else is a parser's bug. */
    public static Object freezeValue(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double
                || v instanceof Unknown) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
        }
        if (v instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException notWhole) {
                return d.doubleValue();
            }
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, x) -> copy.put(String.valueOf(k), freezeValue(x)));
            return Collections.unmodifiableMap(copy);
        }
        if (v instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(x -> copy.add(freezeValue(x)));
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException("not plain data: " + v.getClass().getName());
    }

    /** The value at a dotted path; a list on the way is entered at its first element. */
    public static Object at(Map<String, Object> attributes, String path) {
        Object here = attributes;
        for (String part : path.split("\\.")) {
            while (here instanceof List<?> l) {
                here = l.isEmpty() ? null : l.get(0);
            }
            if (!(here instanceof Map<?, ?> m)) {
                return null;
            }
            here = m.get(part);
        }
        return here;
    }

    /** True when the value or anything inside it is {@link Unknown}. */
    public static boolean containsUnknown(Object v) {
        if (v instanceof Unknown) {
            return true;
        }
        if (v instanceof Map<?, ?> m) {
            return m.values().stream().anyMatch(Attributes::containsUnknown);
        }
        if (v instanceof List<?> l) {
            return l.stream().anyMatch(Attributes::containsUnknown);
        }
        return false;
    }
}
