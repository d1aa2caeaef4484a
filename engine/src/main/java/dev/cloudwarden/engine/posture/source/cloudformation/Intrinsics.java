package dev.cloudwarden.engine.posture.source.cloudformation;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.posture.model.Unknown;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation's intrinsic functions as far as the template alone decides them, per the CloudFormation
 * User Guide's intrinsic function reference.
 *
 * <p>Known: {@code Ref} to a parameter with a {@code Default} (the default, as Checkov judges its examples; a
 * {@code CommaDelimitedList} or {@code List<...>} default split at commas and trimmed); {@code Fn::FindInMap} over
 * literal mappings; {@code Fn::Sub}, {@code Fn::Join}, {@code Fn::Select}, {@code Fn::Split}, {@code Fn::Base64},
 * {@code Fn::If} and the condition functions when every input is known; {@code Ref AWS::NoValue} removes the property
 * or list element, as CloudFormation does. Unknown (with the resources they name as references): {@code Ref} to a
 * resource, to a pseudo parameter ({@code AWS::Region} ...), to a parameter without a default or of an SSM type (its
 * default names the SSM parameter, not the value); {@code Fn::GetAtt}, {@code Fn::ImportValue}, {@code Fn::GetAZs},
 * {@code Fn::Cidr}, {@code Fn::Transform} and any function this class does not know.
 *
 * <p>Not thread-safe: one instance evaluates one template.
 */
final class Intrinsics {
    /** What {@code Ref AWS::NoValue} leaves: the enclosing property or element is removed. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    private static final int MAX_DEPTH = 64;
    private static final int MAX_STRING = 1_000_000;
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final Template template;
    private final Map<String, Object> conditionValues = new HashMap<>();
    private final Set<String> conditionsInProgress = new HashSet<>();
    private int depth;

    Intrinsics(Template template) {
        this.template = template;
    }

    /** The value as CloudFormation would see it; references reached are added to {@code refs} (resource ids). */
    Object evaluate(Object raw, Set<String> refs) {
        if (++depth > MAX_DEPTH) {
            depth--;
            return unknown(raw, Set.of());
        }
        try {
            return evaluateAt(raw, refs);
        } finally {
            depth--;
        }
    }

    @SuppressWarnings("unchecked")
    private Object evaluateAt(Object raw, Set<String> refs) {
        if (raw instanceof Map<?, ?> m) {
            if (m.size() == 1) {
                Map.Entry<String, Object> e = ((Map<String, Object>) m).entrySet().iterator().next();
                String key = e.getKey();
                if (key.equals("Ref")) {
                    return track(ref(raw, e.getValue()), refs);
                }
                if (key.startsWith("Fn::")) {
                    Set<String> local = new LinkedHashSet<>();
                    Object v = function(raw, key, e.getValue(), local);
                    track(v, local);
                    refs.addAll(local);
                    return v;
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object v = evaluate(e.getValue(), refs);
                if (v != NO_VALUE) {
                    out.put(String.valueOf(e.getKey()), v);
                }
            }
            return out;
        }
        if (raw instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) {
                Object v = evaluate(x, refs);
                if (v != NO_VALUE) {
                    out.add(v);
                }
            }
            return out;
        }
        return raw;
    }

    private static Object track(Object v, Set<String> refs) {
        if (v instanceof Unknown u) {
            refs.addAll(u.references());
        }
        return v;
    }

    // ---- Ref ----

    private Object ref(Object raw, Object target) {
        if (!(target instanceof String name)) {
            return unknown(raw, Set.of());
        }
        if (name.equals("AWS::NoValue")) {
            return NO_VALUE;
        }
        if (template.parameters().get(name) instanceof Map<?, ?> p) {
            return parameter(raw, p);
        }
        String id = template.resourceId(name);
        return unknown(raw, id == null ? Set.of() : Set.of(id));
    }

    private Object parameter(Object raw, Map<?, ?> declaration) {
        String type = declaration.get("Type") instanceof String t ? t : "String";
        if (!declaration.containsKey("Default") || type.startsWith("AWS::SSM::Parameter::Value")) {
            return unknown(raw, Set.of());
        }
        Object value = declaration.get("Default");
        if ((type.equals("CommaDelimitedList") || type.startsWith("List<")) && value instanceof String s) {
            List<Object> items = new ArrayList<>();
            for (String part : s.split(",", -1)) {
                items.add(part.trim());
            }
            return items;
        }
        return value;
    }

    // ---- functions ----

    private Object function(Object raw, String name, Object arg, Set<String> refs) {
        return switch (name) {
            case "Fn::GetAtt" -> getAtt(raw, arg);
            case "Fn::Sub" -> sub(raw, arg, refs);
            case "Fn::Join" -> join(raw, arg, refs);
            case "Fn::Select" -> select(raw, arg, refs);
            case "Fn::Split" -> split(raw, arg, refs);
            case "Fn::If" -> ifThen(raw, arg, refs);
            case "Fn::FindInMap" -> findInMap(raw, arg, refs);
            case "Fn::Base64" -> base64(raw, arg, refs);
            case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or" -> {
                Boolean b = condition(Map.of(name, arg == null ? "" : arg), refs);
                yield b == null ? unknown(raw, refs) : b;
            }
            default -> {
                evaluate(arg, refs); // references inside still count
                yield unknown(raw, refs);
            }
        };
    }

    private Object getAtt(Object raw, Object arg) {
        Object target = arg instanceof String s ? ShortFormTags.splitGetAtt(s) : arg;
        Set<String> refs = new LinkedHashSet<>();
        if (target instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof String logicalId) {
            String id = template.resourceId(logicalId);
            if (id != null) {
                refs.add(id);
            }
        }
        return unknown(raw, refs);
    }

    private Object sub(Object raw, Object arg, Set<String> refs) {
        String text;
        Map<?, ?> variables = Map.of();
        if (arg instanceof String s) {
            text = s;
        } else if (arg instanceof List<?> l && l.size() == 2 && l.get(0) instanceof String s
                && l.get(1) instanceof Map<?, ?> vars) {
            text = s;
            variables = vars;
        } else {
            evaluate(arg, refs);
            return unknown(raw, refs);
        }
        Map<String, Object> values = new HashMap<>();
        variables.forEach((k, v) -> values.put(String.valueOf(k), evaluate(v, refs)));
        StringBuilder out = new StringBuilder();
        boolean known = true;
        var m = SUB_VARIABLE.matcher(text);
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start());
            last = m.end();
            String name = m.group(1).trim();
            if (m.group(1).startsWith("!")) {
                out.append("${").append(m.group(1).substring(1)).append('}');
                continue;
            }
            Object v;
            if (values.containsKey(name)) {
                v = values.get(name);
            } else if (name.contains(".")) {
                v = getAtt(Map.of("Fn::GetAtt", name), name);
            } else {
                v = ref(Map.of("Ref", name), name);
            }
            track(v, refs);
            String s = scalarText(v);
            if (s == null) {
                known = false;
            } else if (known) {
                out.append(s);
            }
        }
        out.append(text.substring(last));
        return known ? out.toString() : unknown(raw, refs);
    }

    private Object join(Object raw, Object arg, Set<String> refs) {
        if (!(arg instanceof List<?> l) || l.size() != 2) {
            evaluate(arg, refs);
            return unknown(raw, refs);
        }
        Object delimiter = evaluate(l.get(0), refs);
        Object items = evaluate(l.get(1), refs);
        String d = scalarText(delimiter);
        if (d == null || !(items instanceof List<?> values)) {
            return unknown(raw, refs);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            String s = scalarText(values.get(i));
            if (s == null || out.length() > MAX_STRING) {
                return unknown(raw, refs);
            }
            if (i > 0) {
                out.append(d);
            }
            out.append(s);
        }
        return out.toString();
    }

    private Object select(Object raw, Object arg, Set<String> refs) {
        if (!(arg instanceof List<?> l) || l.size() != 2) {
            evaluate(arg, refs);
            return unknown(raw, refs);
        }
        Object index = evaluate(l.get(0), refs);
        Object items = evaluate(l.get(1), refs);
        Integer i = index(index);
        if (i == null || !(items instanceof List<?> values) || i >= values.size()) {
            return unknown(raw, refs);
        }
        return values.get(i);
    }

    private Object split(Object raw, Object arg, Set<String> refs) {
        if (!(arg instanceof List<?> l) || l.size() != 2) {
            evaluate(arg, refs);
            return unknown(raw, refs);
        }
        String delimiter = scalarText(evaluate(l.get(0), refs));
        String source = scalarText(evaluate(l.get(1), refs));
        if (delimiter == null || source == null || delimiter.isEmpty()) {
            return unknown(raw, refs);
        }
        return new ArrayList<Object>(List.of(source.split(Pattern.quote(delimiter), -1)));
    }

    private Object ifThen(Object raw, Object arg, Set<String> refs) {
        if (!(arg instanceof List<?> l) || l.size() != 3 || !(l.get(0) instanceof String name)) {
            evaluate(arg, refs);
            return unknown(raw, refs);
        }
        Boolean c = namedCondition(name, refs);
        if (c == null) {
            evaluate(l.get(1), refs);
            evaluate(l.get(2), refs);
            return unknown(raw, refs);
        }
        return evaluate(c ? l.get(1) : l.get(2), refs);
    }

    private Object findInMap(Object raw, Object arg, Set<String> refs) {
        if (!(arg instanceof List<?> l) || l.size() < 3) {
            evaluate(arg, refs);
            return unknown(raw, refs);
        }
        String map = scalarText(evaluate(l.get(0), refs));
        String top = scalarText(evaluate(l.get(1), refs));
        String second = scalarText(evaluate(l.get(2), refs));
        Object fallback = l.size() > 3 && l.get(3) instanceof Map<?, ?> options && options.containsKey("DefaultValue")
                ? evaluate(options.get("DefaultValue"), refs) : null;
        if (map != null && top != null && second != null
                && template.mappings().get(map) instanceof Map<?, ?> m
                && m.get(top) instanceof Map<?, ?> level && level.containsKey(second)) {
            return evaluate(level.get(second), refs);
        }
        return fallback != null ? fallback : unknown(raw, refs);
    }

    private Object base64(Object raw, Object arg, Set<String> refs) {
        String s = scalarText(evaluate(arg, refs));
        if (s == null) {
            return unknown(raw, refs);
        }
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    // ---- conditions ----

    /** A condition declared in the template: true, false, or null when it depends on what is not known. */
    Boolean namedCondition(String name, Set<String> refs) {
        if (conditionValues.containsKey(name)) {
            return (Boolean) conditionValues.get(name);
        }
        if (!template.conditions().containsKey(name) || !conditionsInProgress.add(name)) {
            return null; // undeclared, or a cycle: CloudFormation rejects both
        }
        Boolean value;
        try {
            value = condition(template.conditions().get(name), refs);
        } finally {
            conditionsInProgress.remove(name);
        }
        conditionValues.put(name, value);
        return value;
    }

    private Boolean condition(Object expression, Set<String> refs) {
        if (++depth > MAX_DEPTH) {
            depth--;
            return null;
        }
        try {
            return conditionAt(expression, refs);
        } finally {
            depth--;
        }
    }

    private Boolean conditionAt(Object expression, Set<String> refs) {
        if (!(expression instanceof Map<?, ?> m) || m.size() != 1) {
            return expression instanceof Boolean b ? b : null;
        }
        Map.Entry<?, ?> e = m.entrySet().iterator().next();
        Object arg = e.getValue();
        switch (String.valueOf(e.getKey())) {
            case "Condition":
                return arg instanceof String name ? namedCondition(name, refs) : null;
            case "Fn::Equals": {
                if (!(arg instanceof List<?> l) || l.size() != 2) {
                    return null;
                }
                Object a = evaluate(l.get(0), refs);
                Object b = evaluate(l.get(1), refs);
                if (isKnown(a) && isKnown(b)) {
                    return same(a, b);
                }
                return null;
            }
            case "Fn::Not": {
                Object inner = arg instanceof List<?> l && l.size() == 1 ? l.get(0) : null;
                Boolean b = inner == null ? null : condition(inner, refs);
                return b == null ? null : !b;
            }
            case "Fn::And", "Fn::Or": {
                if (!(arg instanceof List<?> l) || l.isEmpty()) {
                    return null;
                }
                boolean and = "Fn::And".equals(e.getKey());
                boolean unknown = false;
                for (Object c : l) {
                    Boolean b = condition(c, refs);
                    if (b == null) {
                        unknown = true;
                    } else if (b != and) {
                        return !and; // a false in an And, a true in an Or, decides it
                    }
                }
                return unknown ? null : and;
            }
            default: {
                Object v = evaluate(expression, refs);
                return v instanceof Boolean b ? b : v instanceof String s && (s.equalsIgnoreCase("true")
                        || s.equalsIgnoreCase("false")) ? Boolean.valueOf(s) : null;
            }
        }
    }

    /** CloudFormation compares values as the strings they become: {@code 80} equals {@code "80"}. */
    private static boolean same(Object a, Object b) {
        String x = scalarText(a);
        String y = scalarText(b);
        if (x != null && y != null) {
            return x.equals(y);
        }
        return a == null ? b == null : a.equals(b);
    }

    // ---- helpers ----

    /** A known scalar as the text CloudFormation makes of it, or null for anything else. */
    static String scalarText(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof BigInteger) {
            return String.valueOf(v);
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15 ? String.valueOf(d.longValue())
                    : String.valueOf(d);
        }
        return null;
    }

    private static Integer index(Object v) {
        String s = scalarText(v);
        if (s == null) {
            return null;
        }
        try {
            int i = Integer.parseInt(s.trim());
            return i < 0 ? null : i;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Unknown unknown(Object raw, Set<String> refs) {
        return new Unknown(expression(raw), List.copyOf(refs));
    }

    static String expression(Object raw) {
        String s;
        try {
            s = Json.MAPPER.writeValueAsString(raw);
        } catch (JsonProcessingException | RuntimeException e) {
            s = String.valueOf(raw);
        }
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }

    private static boolean isKnown(Object v) {
        return v != NO_VALUE && !dev.cloudwarden.engine.posture.model.Attributes.containsUnknown(v);
    }
}
