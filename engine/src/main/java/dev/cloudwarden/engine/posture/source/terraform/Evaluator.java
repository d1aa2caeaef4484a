package dev.cloudwarden.engine.posture.source.terraform;

import dev.cloudwarden.engine.posture.model.Unknown;
import dev.cloudwarden.engine.posture.source.terraform.hcl.Expr;
import dev.cloudwarden.engine.posture.source.terraform.hcl.TemplatePart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates HCL expressions with Terraform's semantics. Whatever cannot be known statically (an unset variable, a
 * computed attribute of another resource, a function not implemented here) becomes {@link Unknown} carrying the
 * expression's text and the resources it mentions; operators and functions given an unknown operand give an unknown
 * result. Errors Terraform would report also become unknown (see {@link #evaluateSafely}).
 */
final class Evaluator {
    private static final int MAX_DEPTH = 250;

    private final Budget budget;
    private final Functions functions;
    private int depth;

    Evaluator(Budget budget, Functions functions) {
        this.budget = budget;
        this.functions = functions;
    }

    Budget budget() {
        return budget;
    }

    /** The value, or an {@link Unknown} when it cannot be known or Terraform would reject the expression. */
    Object evaluateSafely(Expr e, Scope scope) {
        try {
            return evaluate(e, scope);
        } catch (UnknownValueException u) {
            return new Unknown(e.span().text(), u.unknown().references());
        } catch (EvalException x) {
            return new Unknown(e.span().text(), References.of(e, scope).stream()
                    .map(scope.module()::qualify).toList());
        }
    }

    Object evaluate(Expr e, Scope scope) {
        budget.charge(1);
        if (++depth > MAX_DEPTH) {
            depth--;
            throw new EvalException("expression nested too deeply");
        }
        try {
            return evaluateInner(e, scope);
        } catch (UnknownValueException u) {
            if (u.unknown().expression().equals(e.span().text())) {
                return u.unknown();
            }
            return new Unknown(e.span().text(), u.unknown().references());
        } finally {
            depth--;
        }
    }

    private Object evaluateInner(Expr e, Scope scope) {
        if (e instanceof Expr.Literal l) {
            return l.value();
        } else if (e instanceof Expr.Parens p) {
            return evaluate(p.inner(), scope);
        } else if (e instanceof Expr.Template t) {
            return template(t, scope);
        } else if (e instanceof Expr.Variable || e instanceof Expr.GetAttr || e instanceof Expr.Index) {
            return traversal(e, scope);
        } else if (e instanceof Expr.SplatItem) {
            return scope.lookup(Scope.SPLAT_ITEM);
        } else if (e instanceof Expr.Splat s) {
            return splat(s, scope);
        } else if (e instanceof Expr.Call c) {
            return call(c, scope);
        } else if (e instanceof Expr.Tuple t) {
            return tuple(t, scope);
        } else if (e instanceof Expr.ObjectCons o) {
            return object(o, scope);
        } else if (e instanceof Expr.ForExpr f) {
            return forExpression(f, scope);
        } else if (e instanceof Expr.Conditional c) {
            return conditional(c, scope);
        } else if (e instanceof Expr.Binary b) {
            return binary(b, scope);
        } else if (e instanceof Expr.Unary u) {
            return unary(u, scope);
        }
        throw new EvalException("unsupported expression");
    }

    // ---- traversals ----

    private Object traversal(Expr e, Scope scope) {
        List<Expr> steps = new ArrayList<>();
        Expr root = e;
        while (true) {
            if (root instanceof Expr.GetAttr g) {
                steps.add(0, g);
                root = g.object();
            } else if (root instanceof Expr.Index i) {
                steps.add(0, i);
                root = i.collection();
            } else {
                break;
            }
        }
        Object value;
        int consumed = 0;
        if (root instanceof Expr.Variable v && steps.isEmpty() && (v.name().equals("True") || v.name().equals("False"))
                && !scope.isBound(v.name())) {
            // Terraform rejects a bare True/False, but Checkov's parser reads them as booleans, and so do the
            // configurations written for it: read them as Checkov does rather than call them unknown
            return v.name().equals("True");
        }
        if (root instanceof Expr.Variable v) {
            if (scope.isBound(v.name())) {
                value = scope.lookup(v.name());
            } else {
                ModuleInstance.Resolved r = scope.module().resolve(v.name(), steps, scope, e, this);
                value = r.value();
                consumed = r.consumed();
            }
        } else {
            value = evaluate(root, scope);
        }
        for (int i = consumed; i < steps.size(); i++) {
            if (value instanceof Unknown u) {
                return new Unknown(e.span().text(), u.references());
            }
            value = step(value, steps.get(i), scope);
        }
        return value;
    }

    /** One attribute or index step applied to a value. */
    Object step(Object value, Expr step, Scope scope) {
        if (value instanceof Unknown u) {
            return u;
        }
        if (step instanceof Expr.GetAttr g) {
            if (value instanceof Map<?, ?> m) {
                if (!m.containsKey(g.name())) {
                    throw new EvalException("no attribute '" + g.name() + "'");
                }
                return m.get(g.name());
            }
            throw new EvalException("cannot read attribute '" + g.name() + "' of a " + Values.typeName(value));
        }
        Expr.Index index = (Expr.Index) step;
        Object key = evaluate(index.key(), scope);
        if (key instanceof Unknown u) {
            return new Unknown(index.span().text(), u.references());
        }
        return index(value, key);
    }

    static Object index(Object value, Object key) {
        if (value instanceof List<?> l) {
            BigDecimal n = Values.asNumber(key);
            if (!Values.isWhole(n) || n.signum() < 0 || n.compareTo(BigDecimal.valueOf(l.size())) >= 0) {
                throw new EvalException("index " + Values.numberText(n) + " out of range for a list of " + l.size());
            }
            return l.get(n.intValue());
        }
        if (value instanceof Map<?, ?> m) {
            String k = Values.asString(key);
            if (!m.containsKey(k)) {
                throw new EvalException("no element with key \"" + Values.abbreviate(k) + "\"");
            }
            return m.get(k);
        }
        throw new EvalException("cannot index a " + Values.typeName(value));
    }

    private Object splat(Expr.Splat s, Scope scope) {
        Object source = evaluate(s.source(), scope);
        if (source instanceof Unknown u) {
            return new Unknown(s.span().text(), u.references());
        }
        if (source == null) {
            return List.of();
        }
        List<?> items = source instanceof List<?> l ? l : List.of(source);
        List<Object> out = new ArrayList<>(items.size());
        for (Object item : items) {
            out.add(evaluate(s.each(), scope.bind(Scope.SPLAT_ITEM, item)));
        }
        return out;
    }

    // ---- templates ----

    private Object template(Expr.Template t, Scope scope) {
        List<TemplatePart> parts = t.parts();
        if (parts.size() == 1 && parts.get(0) instanceof TemplatePart.Interpolation i) {
            return evaluate(i.expr(), scope);
        }
        StringBuilder out = new StringBuilder();
        Set<String> unknownRefs = new LinkedHashSet<>();
        boolean[] unknown = {false};
        render(parts, scope, out, unknownRefs, unknown);
        if (unknown[0]) {
            return new Unknown(t.span().text(), List.copyOf(unknownRefs));
        }
        return Budget.checkString(out.toString());
    }

    private void render(List<TemplatePart> parts, Scope scope, StringBuilder out, Set<String> refs, boolean[] unknown) {
        for (TemplatePart p : parts) {
            budget.charge(1);
            if (p instanceof TemplatePart.Text text) {
                out.append(text.text());
            } else if (p instanceof TemplatePart.Interpolation i) {
                Object v = evaluate(i.expr(), scope);
                if (v instanceof Unknown u) {
                    unknown[0] = true;
                    refs.addAll(u.references());
                } else {
                    out.append(Values.asString(v));
                }
            } else if (p instanceof TemplatePart.If f) {
                Object c = evaluate(f.condition(), scope);
                if (c instanceof Unknown u) {
                    unknown[0] = true;
                    refs.addAll(u.references());
                } else {
                    render(Values.asBool(c) ? f.whenTrue() : f.whenFalse(), scope, out, refs, unknown);
                }
            } else if (p instanceof TemplatePart.For f) {
                Object c = evaluate(f.collection(), scope);
                if (c instanceof Unknown u) {
                    unknown[0] = true;
                    refs.addAll(u.references());
                } else {
                    for (Map.Entry<Object, Object> entry : iterate(c)) {
                        Scope inner = scope.bind(f.valueVar(), unwrap(entry.getValue()));
                        if (f.keyVar() != null) {
                            inner = inner.bind(f.keyVar(), entry.getKey());
                        }
                        render(f.body(), inner, out, refs, unknown);
                    }
                }
            }
            if (out.length() > Budget.MAX_STRING) {
                throw new EvalException("template result longer than " + Budget.MAX_STRING + " characters");
            }
        }
    }

    // ---- collections ----

    private Object tuple(Expr.Tuple t, Scope scope) {
        List<Object> out = new ArrayList<>(t.items().size());
        for (Expr item : t.items()) {
            out.add(evaluate(item, scope));
        }
        return out;
    }

    private Object object(Expr.ObjectCons o, Scope scope) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Expr.ObjectItem item : o.items()) {
            String key;
            if (item.bareKey() != null) {
                key = item.bareKey();
            } else {
                Object k = evaluate(item.key(), scope);
                if (k instanceof Unknown u) {
                    return new Unknown(o.span().text(), u.references());
                }
                key = Values.asString(k);
            }
            out.put(key, evaluate(item.value(), scope));
        }
        return out;
    }

    /** Elements in Terraform's order: a list by index, a map by key in lexical order. */
    List<Map.Entry<Object, Object>> iterate(Object collection) {
        List<Map.Entry<Object, Object>> out = new ArrayList<>();
        if (collection instanceof List<?> l) {
            budget.charge(l.size());
            for (int i = 0; i < l.size(); i++) {
                out.add(Map.entry(Values.number(i), nullSafe(l.get(i))));
            }
        } else if (collection instanceof Map<?, ?> m) {
            budget.charge(m.size());
            for (Map.Entry<String, Object> e : Values.sortedEntries(Values.asMap(m))) {
                out.add(Map.entry(e.getKey(), nullSafe(e.getValue())));
            }
        } else {
            throw new EvalException("cannot iterate over a " + Values.typeName(collection));
        }
        return out;
    }

    /** Map.entry refuses null; null elements travel as this marker and come back as null. */
    private static final Object NULL = new Object();

    private static Object nullSafe(Object v) {
        return v == null ? NULL : v;
    }

    static Object unwrap(Object v) {
        return v == NULL ? null : v;
    }

    private Object forExpression(Expr.ForExpr f, Scope scope) {
        Object collection = evaluate(f.collection(), scope);
        if (collection instanceof Unknown u) {
            return new Unknown(f.span().text(), u.references());
        }
        if (collection == null) {
            throw new EvalException("cannot iterate over null");
        }
        List<Object> tuple = new ArrayList<>();
        Map<String, Object> object = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> entry : iterate(collection)) {
            Scope inner = scope.bind(f.valueVar(), unwrap(entry.getValue()));
            if (f.keyVar() != null) {
                inner = inner.bind(f.keyVar(), entry.getKey());
            }
            if (f.condition() != null) {
                Object c = evaluate(f.condition(), inner);
                if (c instanceof Unknown u) {
                    return new Unknown(f.span().text(), u.references());
                }
                if (!Values.asBool(c)) {
                    continue;
                }
            }
            if (f.keyExpr() == null) {
                tuple.add(evaluate(f.valueExpr(), inner));
                Budget.checkSize(tuple);
                continue;
            }
            Object k = evaluate(f.keyExpr(), inner);
            if (k instanceof Unknown u) {
                return new Unknown(f.span().text(), u.references());
            }
            String key = Values.asString(k);
            Object v = evaluate(f.valueExpr(), inner);
            if (f.grouping()) {
                @SuppressWarnings("unchecked")
                List<Object> group = (List<Object>) object.computeIfAbsent(key, x -> new ArrayList<>());
                group.add(v);
            } else {
                if (object.containsKey(key)) {
                    throw new EvalException("duplicate key \"" + Values.abbreviate(key) + "\" in a for expression");
                }
                object.put(key, v);
            }
            Budget.checkSize(object.keySet());
        }
        return f.keyExpr() == null ? tuple : object;
    }

    // ---- operators ----

    private Object conditional(Expr.Conditional c, Scope scope) {
        Object cond = evaluate(c.condition(), scope);
        if (cond instanceof Unknown u) {
            return new Unknown(c.span().text(), u.references());
        }
        return evaluate(Values.asBool(cond) ? c.whenTrue() : c.whenFalse(), scope);
    }

    private Object unary(Expr.Unary u, Scope scope) {
        Object v = evaluate(u.operand(), scope);
        if (v instanceof Unknown x) {
            return new Unknown(u.span().text(), x.references());
        }
        if (u.op() == Expr.Operator.NOT) {
            return !Values.asBool(v);
        }
        return Values.asNumber(v).negate();
    }

    private Object binary(Expr.Binary b, Scope scope) {
        Object l = evaluate(b.left(), scope);
        Object r = evaluate(b.right(), scope);
        if (l instanceof Unknown || r instanceof Unknown) {
            Set<String> refs = new LinkedHashSet<>();
            if (l instanceof Unknown u) {
                refs.addAll(u.references());
            }
            if (r instanceof Unknown u) {
                refs.addAll(u.references());
            }
            return new Unknown(b.span().text(), List.copyOf(refs));
        }
        return switch (b.op()) {
            case OR -> Values.asBool(l) || Values.asBool(r);
            case AND -> Values.asBool(l) && Values.asBool(r);
            case EQ -> Values.equal(l, r);
            case NOT_EQ -> !Values.equal(l, r);
            case LT -> Values.asNumber(l).compareTo(Values.asNumber(r)) < 0;
            case LE -> Values.asNumber(l).compareTo(Values.asNumber(r)) <= 0;
            case GT -> Values.asNumber(l).compareTo(Values.asNumber(r)) > 0;
            case GE -> Values.asNumber(l).compareTo(Values.asNumber(r)) >= 0;
            case ADD -> Values.asNumber(l).add(Values.asNumber(r), MathContext.DECIMAL128);
            case SUBTRACT -> Values.asNumber(l).subtract(Values.asNumber(r), MathContext.DECIMAL128);
            case MULTIPLY -> Values.asNumber(l).multiply(Values.asNumber(r), MathContext.DECIMAL128);
            case DIVIDE -> {
                BigDecimal d = Values.asNumber(r);
                if (d.signum() == 0) {
                    throw new EvalException("division by zero");
                }
                yield Values.asNumber(l).divide(d, MathContext.DECIMAL128);
            }
            case MODULO -> {
                BigDecimal d = Values.asNumber(r);
                if (d.signum() == 0) {
                    throw new EvalException("modulo by zero");
                }
                yield Values.asNumber(l).remainder(d, MathContext.DECIMAL128);
            }
            default -> throw new EvalException("not a binary operator: " + b.op().symbol());
        };
    }

    // ---- calls ----

    private Object call(Expr.Call c, Scope scope) {
        String name = c.name();
        if (name.equals("try")) {
            return tryCall(c, scope);
        }
        if (name.equals("can")) {
            return canCall(c, scope);
        }
        Functions.Function f = functions.get(name);
        List<Object> args = new ArrayList<>(c.args().size());
        for (Expr a : c.args()) {
            args.add(evaluate(a, scope));
        }
        if (c.expandFinal() && !args.isEmpty()) {
            Object last = args.remove(args.size() - 1);
            if (last instanceof Unknown u) {
                return new Unknown(c.span().text(), u.references());
            }
            args.addAll(Values.asList(last));
        }
        if (f == null) {
            Set<String> refs = new LinkedHashSet<>();
            for (Object a : args) {
                collectUnknownRefs(a, refs);
            }
            return new Unknown(c.span().text(), List.copyOf(refs));
        }
        if (!f.acceptsUnknown()) {
            for (Object a : args) {
                if (a instanceof Unknown u) {
                    return new Unknown(c.span().text(), u.references());
                }
            }
        }
        Object result = f.call(args, new Functions.Context(this, scope));
        if (result instanceof String s) {
            Budget.checkString(s);
        } else if (result instanceof List<?> l) {
            Budget.checkSize(l);
        } else if (result instanceof Map<?, ?> m) {
            Budget.checkSize(m.keySet());
        }
        return result;
    }

    static void collectUnknownRefs(Object v, Set<String> refs) {
        if (v instanceof Unknown u) {
            refs.addAll(u.references());
        } else if (v instanceof List<?> l) {
            l.forEach(x -> collectUnknownRefs(x, refs));
        } else if (v instanceof Map<?, ?> m) {
            m.values().forEach(x -> collectUnknownRefs(x, refs));
        }
    }

    /** Terraform's {@code try}: the first argument that evaluates without an error; unknown if that one is. */
    private Object tryCall(Expr.Call c, Scope scope) {
        for (Expr a : c.args()) {
            try {
                return evaluate(a, scope);
            } catch (EvalException e) {
                if (budget.exhausted()) {
                    throw e;
                }
            }
        }
        throw new EvalException("no argument of try() could be evaluated");
    }

    private Object canCall(Expr.Call c, Scope scope) {
        if (c.args().size() != 1) {
            throw new EvalException("can() takes one argument");
        }
        try {
            Object v = evaluate(c.args().get(0), scope);
            if (v instanceof Unknown u) {
                return new Unknown(c.span().text(), u.references());
            }
            return true;
        } catch (EvalException e) {
            if (budget.exhausted()) {
                throw e;
            }
            return false;
        }
    }
}
