package dev.cloudwarden.engine.posture.source.arm;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cloudwarden.engine.event.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * ARM template functions that depend only on their (known) arguments, as Microsoft's function reference defines
 * them. A function not here, or one given arguments it would reject at deployment, is {@link #UNSUPPORTED}: the
 * evaluator makes it unknown rather than guess.
 */
final class Functions {
    static final Object UNSUPPORTED = new Object();

    private Functions() {
    }

    static Object apply(String name, List<Object> a) {
        try {
            return switch (name) {
                case "concat" -> concat(a);
                case "format" -> a.isEmpty() || !(a.get(0) instanceof String f) ? UNSUPPORTED
                        : format(f, a.subList(1, a.size()));
                case "tolower" -> one(a) instanceof String s ? s.toLowerCase(Locale.ROOT) : UNSUPPORTED;
                case "toupper" -> one(a) instanceof String s ? s.toUpperCase(Locale.ROOT) : UNSUPPORTED;
                case "trim" -> one(a) instanceof String s ? s.strip() : UNSUPPORTED;
                case "replace" -> a.size() == 3 && a.get(0) instanceof String s && a.get(1) instanceof String from
                        && a.get(2) instanceof String to && !from.isEmpty() ? bounded(s.replace(from, to)) : UNSUPPORTED;
                case "substring" -> substring(a);
                case "startswith" -> a.size() == 2 && a.get(0) instanceof String s && a.get(1) instanceof String p
                        ? s.toLowerCase(Locale.ROOT).startsWith(p.toLowerCase(Locale.ROOT)) : UNSUPPORTED;
                case "endswith" -> a.size() == 2 && a.get(0) instanceof String s && a.get(1) instanceof String p
                        ? s.toLowerCase(Locale.ROOT).endsWith(p.toLowerCase(Locale.ROOT)) : UNSUPPORTED;
                case "split" -> split(a);
                case "string" -> a.size() == 1 ? text(a.get(0)) : UNSUPPORTED;
                case "createarray" -> new ArrayList<>(a);
                case "createobject" -> createObject(a);
                case "length" -> length(one(a));
                case "empty" -> empty(one(a));
                case "contains" -> contains(a);
                case "first" -> edge(one(a), true);
                case "last" -> edge(one(a), false);
                case "equals" -> a.size() == 2 ? same(a.get(0), a.get(1)) : UNSUPPORTED;
                case "not" -> one(a) instanceof Boolean b ? !b : UNSUPPORTED;
                case "and", "or" -> logic(name.equals("and"), a);
                case "bool" -> bool(one(a));
                case "int" -> toInt(one(a));
                case "add", "sub", "mul", "div", "mod" -> arithmetic(name, a);
                default -> UNSUPPORTED;
            };
        } catch (RuntimeException bad) {
            return UNSUPPORTED;
        }
    }

    private static Object one(List<Object> a) {
        return a.size() == 1 ? a.get(0) : UNSUPPORTED;
    }

    /** A value as ARM's {@code string()} writes it: booleans {@code True}/{@code False}, objects as JSON. */
    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Map || v instanceof List) {
            try {
                return Json.MAPPER.writeValueAsString(v);
            } catch (JsonProcessingException e) {
                return String.valueOf(v);
            }
        }
        return String.valueOf(v);
    }

    private static Object bounded(String s) {
        return s.length() > ArmEvaluator.maxString() ? UNSUPPORTED : s;
    }

    private static Object concat(List<Object> a) {
        if (!a.isEmpty() && a.get(0) instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object x : a) {
                if (!(x instanceof List<?> l)) {
                    return UNSUPPORTED;
                }
                out.addAll(l);
            }
            return out;
        }
        StringBuilder out = new StringBuilder();
        for (Object x : a) {
            if (x instanceof Map || x instanceof List) {
                return UNSUPPORTED;
            }
            out.append(text(x));
            if (out.length() > ArmEvaluator.maxString()) {
                return UNSUPPORTED;
            }
        }
        return out.toString();
    }

    /** .NET composite formatting: {@code {0}}, {@code {{} and {@code }}}; a format specifier is not evaluated. */
    static Object format(String f, List<Object> args) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c == '{') {
                if (i + 1 < f.length() && f.charAt(i + 1) == '{') {
                    out.append('{');
                    i++;
                    continue;
                }
                int close = f.indexOf('}', i);
                if (close < 0) {
                    return UNSUPPORTED;
                }
                String item = f.substring(i + 1, close).strip();
                if (!item.matches("[0-9]{1,4}")) {
                    return UNSUPPORTED; // alignment or format specifier: not evaluated
                }
                int n = Integer.parseInt(item);
                if (n >= args.size()) {
                    return UNSUPPORTED;
                }
                out.append(text(args.get(n)));
                i = close;
            } else if (c == '}') {
                if (i + 1 < f.length() && f.charAt(i + 1) == '}') {
                    i++;
                }
                out.append('}');
            } else {
                out.append(c);
            }
            if (out.length() > ArmEvaluator.maxString()) {
                return UNSUPPORTED;
            }
        }
        return out.toString();
    }

    private static Object substring(List<Object> a) {
        if (a.isEmpty() || a.size() > 3 || !(a.get(0) instanceof String s)) {
            return UNSUPPORTED;
        }
        Object start = a.size() > 1 ? ArmEvaluator.integer(a.get(1)) : Long.valueOf(0);
        if (!(start instanceof Long from) || from < 0 || from > s.length()) {
            return UNSUPPORTED;
        }
        long length = s.length() - from;
        if (a.size() == 3) {
            if (!(ArmEvaluator.integer(a.get(2)) instanceof Long l) || l < 0 || from + l > s.length()) {
                return UNSUPPORTED;
            }
            length = l;
        }
        return s.substring(from.intValue(), (int) (from + length));
    }

    private static Object split(List<Object> a) {
        if (a.size() != 2 || !(a.get(0) instanceof String s)) {
            return UNSUPPORTED;
        }
        List<String> delimiters = new ArrayList<>();
        if (a.get(1) instanceof String d) {
            delimiters.add(d);
        } else if (a.get(1) instanceof List<?> l) {
            for (Object d : l) {
                if (!(d instanceof String ds)) {
                    return UNSUPPORTED;
                }
                delimiters.add(ds);
            }
        } else {
            return UNSUPPORTED;
        }
        if (delimiters.isEmpty() || delimiters.stream().anyMatch(String::isEmpty)) {
            return UNSUPPORTED;
        }
        String regex = String.join("|", delimiters.stream().map(Pattern::quote).toList());
        return new ArrayList<Object>(List.of(s.split(regex, -1)));
    }

    private static Object createObject(List<Object> a) {
        if (a.size() % 2 != 0) {
            return UNSUPPORTED;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < a.size(); i += 2) {
            if (!(a.get(i) instanceof String key)) {
                return UNSUPPORTED;
            }
            out.put(key, a.get(i + 1));
        }
        return out;
    }

    private static Object length(Object v) {
        if (v instanceof String s) {
            return (long) s.length();
        }
        if (v instanceof List<?> l) {
            return (long) l.size();
        }
        if (v instanceof Map<?, ?> m) {
            return (long) m.size();
        }
        return UNSUPPORTED;
    }

    private static Object empty(Object v) {
        if (v == null) {
            return true;
        }
        if (v instanceof String s) {
            return s.isEmpty();
        }
        if (v instanceof List<?> l) {
            return l.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return m.isEmpty();
        }
        return UNSUPPORTED;
    }

    private static Object contains(List<Object> a) {
        if (a.size() != 2) {
            return UNSUPPORTED;
        }
        Object container = a.get(0);
        Object item = a.get(1);
        if (container instanceof String s) {
            return s.contains(text(item));
        }
        if (container instanceof List<?> l) {
            return l.stream().anyMatch(x -> same(x, item));
        }
        if (container instanceof Map<?, ?> m && item instanceof String key) {
            return m.keySet().stream().anyMatch(k -> String.valueOf(k).equalsIgnoreCase(key));
        }
        return UNSUPPORTED;
    }

    private static Object edge(Object v, boolean first) {
        if (v instanceof String s) {
            return s.isEmpty() ? "" : String.valueOf(first ? s.charAt(0) : s.charAt(s.length() - 1));
        }
        if (v instanceof List<?> l) {
            return l.isEmpty() ? null : first ? l.get(0) : l.get(l.size() - 1);
        }
        return UNSUPPORTED;
    }

    static boolean same(Object a, Object b) {
        Object x = ArmEvaluator.integer(a);
        Object y = ArmEvaluator.integer(b);
        if (x != null && y != null) {
            return x.equals(y);
        }
        return Objects.equals(a, b);
    }

    private static Object logic(boolean and, List<Object> a) {
        if (a.size() < 2) {
            return UNSUPPORTED;
        }
        boolean result = and;
        for (Object x : a) {
            if (!(x instanceof Boolean b)) {
                return UNSUPPORTED;
            }
            result = and ? result && b : result || b;
        }
        return result;
    }

    private static Object bool(Object v) {
        if (v instanceof Boolean) {
            return v;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s.toLowerCase(Locale.ROOT));
        }
        if (ArmEvaluator.integer(v) instanceof Long l) {
            return l != 0;
        }
        return UNSUPPORTED;
    }

    private static Object toInt(Object v) {
        if (ArmEvaluator.integer(v) instanceof Long l) {
            return l;
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                return UNSUPPORTED;
            }
        }
        return UNSUPPORTED;
    }

    private static Object arithmetic(String op, List<Object> a) {
        if (a.size() != 2 || !(ArmEvaluator.integer(a.get(0)) instanceof Long x)
                || !(ArmEvaluator.integer(a.get(1)) instanceof Long y)) {
            return UNSUPPORTED;
        }
        return switch (op) {
            case "add" -> Math.addExact(x, y);
            case "sub" -> Math.subtractExact(x, y);
            case "mul" -> Math.multiplyExact(x, y);
            case "div" -> y == 0 ? UNSUPPORTED : x / y;
            default -> y == 0 ? UNSUPPORTED : x % y;
        };
    }
}
