package dev.cloudwarden.engine.posture.source.terraform;

import dev.cloudwarden.engine.posture.model.Unknown;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Terraform's values during evaluation, as plain Java: {@link String}, {@link BigDecimal} (Terraform numbers are
 * arbitrary precision), {@link Boolean}, null, {@link List} (tuples, lists and sets), {@link Map} (objects and maps),
 * and {@link Unknown}. The conversions here are Terraform's automatic ones (a number or bool where a string is
 * wanted, a numeric string where a number is wanted); anything else is an {@link EvalException}.
 */
final class Values {
    private Values() {
    }

    static String typeName(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof BigDecimal) {
            return "number";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof List) {
            return "list";
        }
        if (v instanceof Map) {
            return "object";
        }
        return "unknown";
    }

    /** Stops the calling expression when the value is unknown. */
    static Object known(Object v) {
        if (v instanceof Unknown u) {
            throw new UnknownValueException(u);
        }
        return v;
    }

    /** The whole value, or the first unknown inside it, stops the caller. */
    static Object deepKnown(Object v) {
        if (v instanceof Unknown u) {
            throw new UnknownValueException(u);
        }
        if (v instanceof List<?> l) {
            l.forEach(Values::deepKnown);
        } else if (v instanceof Map<?, ?> m) {
            m.values().forEach(Values::deepKnown);
        }
        return v;
    }

    static String asString(Object v) {
        v = known(v);
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof BigDecimal n) {
            return numberText(n);
        }
        if (v instanceof Boolean b) {
            return b.toString();
        }
        if (v == null) {
            throw new EvalException("a null value cannot be used as a string");
        }
        throw new EvalException("a " + typeName(v) + " cannot be used as a string");
    }

    static BigDecimal asNumber(Object v) {
        v = known(v);
        if (v instanceof BigDecimal n) {
            return n;
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s.strip());
            } catch (NumberFormatException e) {
                throw new EvalException("\"" + abbreviate(s) + "\" is not a number");
            }
        }
        throw new EvalException("a " + typeName(v) + " cannot be used as a number");
    }

    static int asInt(Object v) {
        BigDecimal n = asNumber(v);
        try {
            return n.intValueExact();
        } catch (ArithmeticException e) {
            throw new EvalException(numberText(n) + " is not a whole number in range");
        }
    }

    static boolean asBool(Object v) {
        v = known(v);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equals("true") || s.equals("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw new EvalException("a " + typeName(v) + " cannot be used as a bool");
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object v) {
        v = known(v);
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new EvalException("a " + typeName(v) + " is not a list");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object v) {
        v = known(v);
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new EvalException("a " + typeName(v) + " is not a map or object");
    }

    /** Map entries in Terraform's iteration order: keys in lexical order. */
    static List<Map.Entry<String, Object>> sortedEntries(Map<String, Object> m) {
        return new ArrayList<>(new TreeMap<>(m).entrySet());
    }

    static BigDecimal number(long n) {
        return BigDecimal.valueOf(n);
    }

    /** A number as Terraform prints it: no exponent, no trailing zeros. */
    static String numberText(BigDecimal n) {
        BigDecimal s = n.stripTrailingZeros();
        if (s.scale() < -400 || s.scale() > 400) {
            return s.toString();
        }
        return s.toPlainString();
    }

    static boolean isWhole(BigDecimal n) {
        return n.signum() == 0 || n.stripTrailingZeros().scale() <= 0;
    }

    /** Terraform's {@code ==}: same type and value; unknown anywhere makes the comparison unknown. */
    static boolean equal(Object a, Object b) {
        known(a);
        known(b);
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!equal(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    static BigDecimal fromBigInteger(BigInteger b) {
        return new BigDecimal(b);
    }
}
