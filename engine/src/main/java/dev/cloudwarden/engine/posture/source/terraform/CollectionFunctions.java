package dev.cloudwarden.engine.posture.source.terraform;

import dev.cloudwarden.engine.posture.model.Unknown;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.cloudwarden.engine.posture.source.terraform.Values.asBool;
import static dev.cloudwarden.engine.posture.source.terraform.Values.asInt;
import static dev.cloudwarden.engine.posture.source.terraform.Values.asList;
import static dev.cloudwarden.engine.posture.source.terraform.Values.asMap;
import static dev.cloudwarden.engine.posture.source.terraform.Values.asNumber;
import static dev.cloudwarden.engine.posture.source.terraform.Values.asString;

/** Terraform's collection and type-conversion functions. Sets are lists without duplicates. */
final class CollectionFunctions {
    private static final int MAX_RANGE = 10_000;

    private CollectionFunctions() {
    }

    static void register(Functions f) {
        f.add("length", 1, (a, c) -> length(a.get(0)));
        f.add("concat", 0, -1, (a, c) -> {
            List<Object> out = new ArrayList<>();
            for (Object l : a) {
                out.addAll(asList(l));
                Budget.checkSize(out);
            }
            c.charge(out.size());
            return out;
        });
        f.add("merge", 0, -1, (a, c) -> {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Object m : a) {
                if (m != null) {
                    out.putAll(asMap(m));
                }
            }
            c.charge(out.size());
            return out;
        });
        f.add("lookup", 2, 3, (a, c) -> {
            Map<String, Object> m = asMap(a.get(0));
            String k = asString(a.get(1));
            if (m.containsKey(k)) {
                return m.get(k);
            }
            if (a.size() == 3) {
                return a.get(2);
            }
            throw new EvalException("lookup() found no key \"" + Values.abbreviate(k) + "\" and has no default");
        });
        f.add("element", 2, (a, c) -> {
            List<Object> l = asList(a.get(0));
            int i = asInt(a.get(1));
            if (l.isEmpty()) {
                throw new EvalException("element() of an empty list");
            }
            if (i < 0) {
                throw new EvalException("element() with a negative index");
            }
            return l.get(i % l.size());
        });
        f.add("index", 2, (a, c) -> {
            List<Object> l = asList(a.get(0));
            for (int i = 0; i < l.size(); i++) {
                if (Values.equal(l.get(i), a.get(1))) {
                    return Values.number(i);
                }
            }
            throw new EvalException("index() found no such element");
        });
        f.add("contains", 2, (a, c) -> {
            for (Object x : asList(a.get(0))) {
                c.charge(1);
                if (Values.equal(x, a.get(1))) {
                    return true;
                }
            }
            return false;
        });
        f.add("keys", 1, (a, c) -> new ArrayList<Object>(new TreeMap<>(asMap(a.get(0))).keySet()));
        f.add("values", 1, (a, c) -> {
            List<Object> out = new ArrayList<>();
            Values.sortedEntries(asMap(a.get(0))).forEach(e -> out.add(e.getValue()));
            return out;
        });
        f.add("flatten", 1, (a, c) -> {
            List<Object> out = new ArrayList<>();
            flatten(asList(a.get(0)), out, c, 0);
            return out;
        });
        f.add("distinct", 1, (a, c) -> distinct(asList(a.get(0)), c));
        f.add("coalesce", 1, -1, (a, c) -> {
            for (Object v : a) {
                if (v != null && !"".equals(v)) {
                    return v;
                }
            }
            throw new EvalException("coalesce() found no non-null, non-empty argument");
        });
        f.add("coalescelist", 1, -1, (a, c) -> {
            for (Object v : a) {
                if (!asList(v).isEmpty()) {
                    return v;
                }
            }
            return a.get(a.size() - 1);
        });
        f.add("compact", 1, (a, c) -> {
            List<Object> out = new ArrayList<>();
            for (Object v : asList(a.get(0))) {
                if (v != null && !"".equals(Values.known(v))) {
                    out.add(v);
                }
            }
            return out;
        });
        f.add("zipmap", 2, (a, c) -> {
            List<Object> k = asList(a.get(0));
            List<Object> v = asList(a.get(1));
            if (k.size() != v.size()) {
                throw new EvalException("zipmap() lists differ in length");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < k.size(); i++) {
                out.put(asString(k.get(i)), v.get(i));
            }
            return out;
        });
        f.add("reverse", 1, (a, c) -> {
            List<Object> out = new ArrayList<>(asList(a.get(0)));
            java.util.Collections.reverse(out);
            return out;
        });
        f.add("slice", 3, (a, c) -> {
            List<Object> l = asList(a.get(0));
            int from = asInt(a.get(1));
            int to = asInt(a.get(2));
            if (from < 0 || to > l.size() || from > to) {
                throw new EvalException("slice() indexes out of range");
            }
            return new ArrayList<>(l.subList(from, to));
        });
        f.add("sort", 1, (a, c) -> {
            List<String> s = new ArrayList<>();
            for (Object v : asList(a.get(0))) {
                s.add(asString(v));
            }
            s.sort(Comparator.naturalOrder());
            return new ArrayList<Object>(s);
        });
        f.add("sum", 1, (a, c) -> {
            List<Object> l = asList(a.get(0));
            if (l.isEmpty()) {
                throw new EvalException("sum() of an empty list");
            }
            BigDecimal total = BigDecimal.ZERO;
            for (Object v : l) {
                total = total.add(asNumber(v), MathContext.DECIMAL128);
            }
            return total;
        });
        f.add("alltrue", 1, (a, c) -> {
            for (Object v : asList(a.get(0))) {
                if (!asBool(v)) {
                    return false;
                }
            }
            return true;
        });
        f.add("anytrue", 1, (a, c) -> {
            boolean unknown = false;
            for (Object v : asList(a.get(0))) {
                if (v instanceof Unknown) {
                    unknown = true;
                } else if (asBool(v)) {
                    return true;
                }
            }
            if (unknown) {
                Values.deepKnown(a.get(0));
            }
            return false;
        });
        f.add("one", 1, (a, c) -> {
            List<Object> l = asList(a.get(0));
            if (l.size() > 1) {
                throw new EvalException("one() of a list with more than one element");
            }
            return l.isEmpty() ? null : l.get(0);
        });
        f.add("chunklist", 2, (a, c) -> {
            List<Object> l = asList(a.get(0));
            int size = asInt(a.get(1));
            if (size < 0) {
                throw new EvalException("chunklist() size must not be negative");
            }
            List<Object> out = new ArrayList<>();
            if (size == 0) {
                out.add(new ArrayList<>(l));
                return out;
            }
            for (int i = 0; i < l.size(); i += size) {
                out.add(new ArrayList<>(l.subList(i, Math.min(l.size(), i + size))));
            }
            return out;
        });
        f.add("range", 1, 3, CollectionFunctions::range);
        f.add("matchkeys", 3, (a, c) -> {
            List<Object> values = asList(a.get(0));
            List<Object> keys = asList(a.get(1));
            List<Object> search = asList(a.get(2));
            if (values.size() != keys.size()) {
                throw new EvalException("matchkeys() lists differ in length");
            }
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                for (Object s : search) {
                    c.charge(1);
                    if (Values.equal(keys.get(i), s)) {
                        out.add(values.get(i));
                        break;
                    }
                }
            }
            return out;
        });
        f.add("setunion", 1, -1, (a, c) -> {
            List<Object> all = new ArrayList<>();
            a.forEach(l -> all.addAll(asList(l)));
            return toSet(all, c);
        });
        f.add("setintersection", 1, -1, (a, c) -> {
            List<Object> out = new ArrayList<>();
            for (Object v : distinct(asList(a.get(0)), c)) {
                boolean inAll = true;
                for (Object other : a.subList(1, a.size())) {
                    inAll &= containsValue(asList(other), v, c);
                }
                if (inAll) {
                    out.add(v);
                }
            }
            return toSet(out, c);
        });
        f.add("setsubtract", 2, (a, c) -> {
            List<Object> out = new ArrayList<>();
            for (Object v : distinct(asList(a.get(0)), c)) {
                if (!containsValue(asList(a.get(1)), v, c)) {
                    out.add(v);
                }
            }
            return toSet(out, c);
        });
        f.add("transpose", 1, (a, c) -> {
            Map<String, Object> out = new TreeMap<>();
            for (Map.Entry<String, Object> e : Values.sortedEntries(asMap(a.get(0)))) {
                for (Object v : asList(e.getValue())) {
                    @SuppressWarnings("unchecked")
                    List<Object> l = (List<Object>) out.computeIfAbsent(asString(v), x -> new ArrayList<>());
                    l.add(e.getKey());
                }
            }
            return new LinkedHashMap<>(out);
        });
        f.add("tolist", 1, (a, c) -> a.get(0) == null ? null : new ArrayList<>(asList(a.get(0))));
        f.add("toset", 1, (a, c) -> a.get(0) == null ? null : toSet(asList(a.get(0)), c));
        f.add("tomap", 1, (a, c) -> a.get(0) == null ? null : new LinkedHashMap<>(asMap(a.get(0))));
        f.add("tostring", 1, (a, c) -> a.get(0) == null ? null : asString(a.get(0)));
        f.add("tonumber", 1, (a, c) -> a.get(0) == null ? null : asNumber(a.get(0)));
        f.add("tobool", 1, (a, c) -> a.get(0) == null ? null : asBool(a.get(0)));
        f.add("sensitive", 1, (a, c) -> a.get(0));
        f.add("nonsensitive", 1, (a, c) -> a.get(0));
    }

    private static Object length(Object v) {
        v = Values.known(v);
        if (v instanceof String s) {
            return Values.number(s.codePointCount(0, s.length()));
        }
        if (v instanceof List<?> l) {
            return Values.number(l.size());
        }
        if (v instanceof Map<?, ?> m) {
            return Values.number(m.size());
        }
        throw new EvalException("length() of a " + Values.typeName(v));
    }

    private static void flatten(List<Object> in, List<Object> out, Functions.Context c, int depth) {
        if (depth > 100) {
            throw new EvalException("flatten() nesting too deep");
        }
        for (Object v : in) {
            c.charge(1);
            if (v instanceof Unknown u) {
                throw new UnknownValueException(u);
            }
            if (v instanceof List<?> l) {
                @SuppressWarnings("unchecked")
                List<Object> inner = (List<Object>) l;
                flatten(inner, out, c, depth + 1);
            } else {
                out.add(v);
                Budget.checkSize(out);
            }
        }
    }

    static List<Object> distinct(List<Object> in, Functions.Context c) {
        List<Object> out = new ArrayList<>();
        for (Object v : in) {
            if (!containsValue(out, v, c)) {
                out.add(v);
            }
        }
        return out;
    }

    private static boolean containsValue(List<Object> l, Object v, Functions.Context c) {
        for (Object x : l) {
            c.charge(1);
            if (Values.equal(x, v)) {
                return true;
            }
        }
        return false;
    }

    /** A set: no duplicates; strings and numbers in Terraform's set order (ascending). */
    static List<Object> toSet(List<Object> in, Functions.Context c) {
        List<Object> out = distinct(in, c);
        if (out.stream().allMatch(x -> x instanceof String)) {
            out.sort(Comparator.comparing(x -> (String) x));
        } else if (out.stream().allMatch(x -> x instanceof BigDecimal)) {
            out.sort(Comparator.comparing(x -> (BigDecimal) x));
        }
        return out;
    }

    private static Object range(List<Object> a, Functions.Context c) {
        BigDecimal start = a.size() == 1 ? BigDecimal.ZERO : asNumber(a.get(0));
        BigDecimal limit = asNumber(a.get(a.size() == 1 ? 0 : 1));
        BigDecimal step = a.size() == 3 ? asNumber(a.get(2))
                : BigDecimal.valueOf(start.compareTo(limit) <= 0 ? 1 : -1);
        if (step.signum() == 0) {
            throw new EvalException("range() step must not be zero");
        }
        List<Object> out = new ArrayList<>();
        BigDecimal v = start;
        while (step.signum() > 0 ? v.compareTo(limit) < 0 : v.compareTo(limit) > 0) {
            out.add(v);
            if (out.size() > MAX_RANGE) {
                throw new EvalException("range() longer than " + MAX_RANGE);
            }
            v = v.add(step);
        }
        c.charge(out.size());
        return out;
    }
}
