package dev.cloudwarden.engine.posture.source.arm;

import dev.cloudwarden.engine.posture.model.Unknown;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates ARM template expressions as far as the template alone decides them, following Microsoft's template
 * function reference: {@code parameters()} (the {@code defaultValue}), {@code variables()}, and pure functions over
 * known values (string: {@code concat}, {@code format}, {@code toLower}, {@code toUpper}, {@code trim},
 * {@code replace}, {@code substring}, {@code startsWith}, {@code endsWith}, {@code split}, {@code string};
 * collections: {@code createArray}, {@code createObject}, {@code length}, {@code empty}, {@code contains},
 * {@code first}, {@code last}, {@code coalesce}; logic: {@code if}, {@code equals}, {@code not}, {@code and},
 * {@code or}, {@code true}, {@code false}, {@code bool}; numbers: {@code int}, {@code add}, {@code sub}, {@code mul},
 * {@code div}, {@code mod}). Anything else ({@code resourceGroup()}, {@code uniqueString}, {@code copyIndex},
 * {@code reference}, {@code resourceId}, {@code listKeys} ...) is {@link Unknown}; {@code resourceId(...)} and
 * {@code reference(...)} name the resource they point at in the unknown's references.
 *
 * <p>Not thread-safe: one instance evaluates one template.
 */
final class ArmEvaluator {
    /** Finds the resources of this template that a name or a type and name point at. */
    interface Resources {
        /** The ids of the resources with this (full) name, any type. */
        List<String> byName(String name);

        /** The id of the resource with this type and full name, or null. */
        String byTypeAndName(String type, String name);

        /**
         * The ids of the resources (of this type, or any when null) whose name is written as this expression
         * ({@link Expression#canonical}), for names that cannot be evaluated.
         */
        List<String> byWrittenName(String type, String canonicalName);
    }

    private static final int MAX_DEPTH = 64;
    private static final int MAX_STRING = 1_000_000;

    private final Map<String, Object> parameters;
    private final Map<String, Object> variables;
    private Resources resources = new Resources() {
        @Override
        public List<String> byName(String name) {
            return List.of();
        }

        @Override
        public String byTypeAndName(String type, String name) {
            return null;
        }

        @Override
        public List<String> byWrittenName(String type, String canonicalName) {
            return List.of();
        }
    };
    private final Map<String, Object> variableValues = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();
    private int depth;

    ArmEvaluator(Map<String, Object> parameters, Map<String, Object> variables) {
        this.parameters = caseInsensitive(parameters);
        this.variables = caseInsensitive(variables);
    }

    void resources(Resources resources) {
        this.resources = resources;
    }

    private static Map<String, Object> caseInsensitive(Map<String, Object> m) {
        Map<String, Object> out = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        out.putAll(m);
        return out;
    }

    /** A value of the template with every expression string evaluated; references reached go to {@code refs}. */
    Object value(Object raw, Set<String> refs) {
        if (++depth > MAX_DEPTH) {
            depth--;
            return Unknown.of("nested too deeply");
        }
        try {
            if (raw instanceof String s) {
                Object v = string(s);
                if (v instanceof Unknown u) {
                    refs.addAll(u.references());
                }
                return v;
            }
            if (raw instanceof Map<?, ?> m) {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(String.valueOf(k), value(v, refs)));
                return out;
            }
            if (raw instanceof List<?> l) {
                List<Object> out = new ArrayList<>(l.size());
                l.forEach(x -> out.add(value(x, refs)));
                return out;
            }
            return raw;
        } finally {
            depth--;
        }
    }

    /**
     * A string of the template: an expression when it is {@code [...]}, a literal otherwise; {@code [[} starts a
     * literal that begins with one {@code [}.
     */
    Object string(String s) {
        if (s.startsWith("[[")) {
            return s.substring(1);
        }
        if (!isExpression(s)) {
            return s;
        }
        Expression e;
        try {
            e = Expression.parse(s.substring(1, s.length() - 1));
        } catch (Expression.SyntaxError bad) {
            return Unknown.of(s);
        }
        Object v = eval(e);
        if (v instanceof Unknown u) {
            return new Unknown(s, u.references());
        }
        return v;
    }

    static boolean isExpression(String s) {
        return s.length() >= 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']' && !s.startsWith("[[");
    }

    // ---- evaluation ----

    private Object eval(Expression e) {
        if (++depth > MAX_DEPTH) {
            depth--;
            return Unknown.of("nested too deeply");
        }
        try {
            if (e instanceof Expression.Literal l) {
                return l.value();
            }
            if (e instanceof Expression.Property p) {
                Object target = eval(p.target());
                if (target instanceof Unknown) {
                    return target;
                }
                if (target instanceof Map<?, ?> m) {
                    Object found = lookup(m, p.name());
                    return found == MISSING ? Unknown.of("." + p.name()) : found;
                }
                return Unknown.of("." + p.name());
            }
            if (e instanceof Expression.Index ix) {
                Object target = eval(ix.target());
                Object index = eval(ix.index());
                Unknown u = unknownAmong(List.of(target, index));
                if (u != null) {
                    return u;
                }
                if (target instanceof List<?> l && integer(index) instanceof Long i && i >= 0 && i < l.size()) {
                    return l.get(i.intValue());
                }
                if (target instanceof Map<?, ?> m && index instanceof String key) {
                    Object found = lookup(m, key);
                    return found == MISSING ? Unknown.of("[" + key + "]") : found;
                }
                return Unknown.of("[index]");
            }
            Expression.Call c = (Expression.Call) e;
            return call(c.name().toLowerCase(Locale.ROOT), c);
        } finally {
            depth--;
        }
    }

    private static final Object MISSING = new Object();

    /** ARM property names are case-insensitive. */
    private static Object lookup(Map<?, ?> m, String key) {
        if (m.containsKey(key)) {
            return m.get(key);
        }
        for (Map.Entry<?, ?> en : m.entrySet()) {
            if (String.valueOf(en.getKey()).equalsIgnoreCase(key)) {
                return en.getValue();
            }
        }
        return MISSING;
    }

    private Object call(String name, Expression.Call c) {
        switch (name) {
            case "parameters":
                return parameter(c);
            case "variables":
                return variable(c);
            case "resourceid", "subscriptionresourceid", "tenantresourceid", "extensionresourceid":
                return resourceId(name, c);
            case "reference":
                return reference(c);
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "null":
                return null;
            default:
                break;
        }
        List<Object> args = new ArrayList<>(c.args().size());
        for (Expression a : c.args()) {
            args.add(eval(a));
        }
        if (name.equals("if")) {
            // Only the condition must be known: the branch not taken may well be unknown.
            if (args.size() == 3 && args.get(0) instanceof Boolean b) {
                return b ? args.get(1) : args.get(2);
            }
            Unknown u = unknownAmong(args);
            return u != null ? u : Unknown.of("if");
        }
        if (name.equals("coalesce")) {
            for (Object a : args) {
                if (a instanceof Unknown) {
                    return a;
                }
                if (a != null) {
                    return a;
                }
            }
            return null;
        }
        Unknown u = unknownAmong(args);
        if (u != null) {
            return u;
        }
        Object v = Functions.apply(name, args);
        return v == Functions.UNSUPPORTED ? Unknown.of(c.name() + "(...)") : v;
    }

    private Object parameter(Expression.Call c) {
        if (c.args().size() != 1 || !(eval(c.args().get(0)) instanceof String name)) {
            return Unknown.of("parameters(...)");
        }
        if (!(parameters.get(name) instanceof Map<?, ?> declaration) || !declaration.containsKey("defaultValue")) {
            return Unknown.of("parameters('" + name + "')");
        }
        String key = "parameter:" + name.toLowerCase(Locale.ROOT);
        if (!inProgress.add(key)) {
            return Unknown.of("parameters('" + name + "')");
        }
        try {
            return value(declaration.get("defaultValue"), new LinkedHashSet<>());
        } finally {
            inProgress.remove(key);
        }
    }

    private Object variable(Expression.Call c) {
        if (c.args().size() != 1 || !(eval(c.args().get(0)) instanceof String name)) {
            return Unknown.of("variables(...)");
        }
        String key = name.toLowerCase(Locale.ROOT);
        if (variableValues.containsKey(key)) {
            return variableValues.get(key);
        }
        if (!variables.containsKey(name) || name.equalsIgnoreCase("copy") || !inProgress.add("variable:" + key)) {
            return Unknown.of("variables('" + name + "')");
        }
        Object v;
        try {
            v = value(variables.get(name), new LinkedHashSet<>());
        } finally {
            inProgress.remove("variable:" + key);
        }
        variableValues.put(key, v);
        return v;
    }

    /**
     * {@code resourceId([subscriptionId], [resourceGroupName], resourceType, name1, [name2] ...)}: unknown (the id
     * holds the subscription), referring to the resource of this template with that type and name. A name that cannot
     * be evaluated still finds the resource whose name is written the same way.
     */
    private Object resourceId(String function, Expression.Call c) {
        List<Object> args = new ArrayList<>();
        for (Expression a : c.args()) {
            args.add(eval(a));
        }
        int typeAt = -1;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof String s && s.contains("/") && !s.startsWith("/")) {
                typeAt = i;
                break;
            }
        }
        Unknown u = unknownAmong(args);
        Set<String> refs = new LinkedHashSet<>(u == null ? List.of() : u.references());
        if (typeAt >= 0 && typeAt < args.size() - 1) {
            String type = (String) args.get(typeAt);
            List<Object> names = args.subList(typeAt + 1, args.size());
            if (unknownAmong(names) == null) {
                List<String> parts = new ArrayList<>();
                names.forEach(n -> parts.add(Functions.text(n)));
                String id = resources.byTypeAndName(type, String.join("/", parts));
                if (id != null) {
                    refs.add(id);
                }
            } else if (names.size() == 1) {
                refs.addAll(resources.byWrittenName(type, Expression.canonical(c.args().get(typeAt + 1))));
            }
        }
        return new Unknown(function + "(...)", List.copyOf(refs));
    }

    /** {@code reference(resourceNameOrId, ...)}: the resource's runtime state, unknown, referring to it. */
    private Object reference(Expression.Call c) {
        if (c.args().isEmpty()) {
            return Unknown.of("reference()");
        }
        Object target = eval(c.args().get(0));
        Set<String> refs = new LinkedHashSet<>();
        if (target instanceof Unknown u) {
            refs.addAll(u.references());
            if (refs.isEmpty()) {
                refs.addAll(resources.byWrittenName(null, Expression.canonical(c.args().get(0))));
            }
        } else if (target instanceof String name) {
            refs.addAll(resources.byName(name));
        }
        return new Unknown("reference(...)", List.copyOf(refs));
    }

    private static Unknown unknownAmong(List<Object> values) {
        Set<String> refs = null;
        String first = null;
        for (Object v : values) {
            if (v instanceof Unknown u) {
                if (refs == null) {
                    refs = new LinkedHashSet<>();
                    first = u.expression();
                }
                refs.addAll(u.references());
            }
        }
        return refs == null ? null : new Unknown(first, List.copyOf(refs));
    }

    static Object integer(Object v) {
        if (v instanceof Long || v instanceof Integer) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b && b.bitLength() < 63) {
            return b.longValue();
        }
        return null;
    }

    static int maxString() {
        return MAX_STRING;
    }
}
