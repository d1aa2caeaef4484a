package dev.cloudwarden.engine.sigma.compile;

import dev.cloudwarden.engine.event.FieldPath;
import dev.cloudwarden.engine.sigma.eval.CaseFold;
import dev.cloudwarden.engine.sigma.model.Condition;
import dev.cloudwarden.engine.sigma.model.DetectionNode;
import dev.cloudwarden.engine.sigma.model.FieldItem;
import dev.cloudwarden.engine.sigma.model.Modifier;
import dev.cloudwarden.engine.sigma.model.SigmaRule;
import dev.cloudwarden.engine.sigma.parse.Identifiers;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a rule's detection reads and requires, worked out from its AST once: the fields it tests (to read
 * ahead) and the exact values some field must hold for the rule to have any chance (to index it by).
 */
public final class RuleFields {
    private RuleFields() {
    }

    /** Every field path the rule tests, fieldref targets included; empty if it has keyword searches only. */
    public static Set<FieldPath> tested(SigmaRule rule) {
        Set<FieldPath> out = new LinkedHashSet<>();
        rule.identifiers().values().forEach(n -> collect(n, out));
        return out;
    }

    /** True when some item searches the whole record (keywords): such rules need the tree anyway. */
    public static boolean hasKeywords(SigmaRule rule) {
        return rule.identifiers().values().stream().anyMatch(RuleFields::hasKeywords);
    }

    private static boolean hasKeywords(DetectionNode n) {
        if (n instanceof FieldItem item) {
            return item.isKeyword();
        }
        List<DetectionNode> children = n instanceof DetectionNode.AllOf a ? a.items() : ((DetectionNode.AnyOf) n).items();
        return children.stream().anyMatch(RuleFields::hasKeywords);
    }

    private static void collect(DetectionNode n, Set<FieldPath> out) {
        if (n instanceof FieldItem item) {
            if (item.field() != null) {
                out.add(FieldPath.of(item.field()));
            }
            if (item.modifiers().contains(Modifier.FIELDREF)) {
                item.values().forEach(v -> out.add(FieldPath.of(String.valueOf(v))));
            }
            return;
        }
        List<DetectionNode> children = n instanceof DetectionNode.AllOf a ? a.items() : ((DetectionNode.AnyOf) n).items();
        children.forEach(c -> collect(c, out));
    }

    /**
     * Fields that must hold one of a set of exact values (case-folded) for the rule to match, e.g.
     * {@code eventName ∈ {CreateUser, CreateAccessKey}}. Derived soundly: AND keeps every constraint, OR
     * keeps only fields constrained in every branch, NOT keeps nothing.
     */
    public static Map<String, Set<String>> required(SigmaRule rule) {
        Map<String, Set<String>> all = null;
        for (Condition c : rule.conditions()) {
            Map<String, Set<String>> r = required(c, rule).orElse(Map.of());
            all = all == null ? r : union(all, r);
        }
        return all == null ? Map.of() : all;
    }

    private static Optional<Map<String, Set<String>>> required(Condition c, SigmaRule rule) {
        if (c instanceof Condition.Ref r) {
            return Optional.of(required(rule.identifiers().get(r.identifier())));
        }
        if (c instanceof Condition.And and) {
            Map<String, Set<String>> acc = new HashMap<>();
            for (Condition o : and.operands()) {
                acc = intersect(acc, required(o, rule).orElse(Map.of()));
            }
            return Optional.of(acc);
        }
        if (c instanceof Condition.Or or) {
            Map<String, Set<String>> acc = null;
            for (Condition o : or.operands()) {
                Map<String, Set<String>> r = required(o, rule).orElse(Map.of());
                acc = acc == null ? r : union(acc, r);
            }
            return Optional.ofNullable(acc);
        }
        if (c instanceof Condition.Not) {
            return Optional.of(Map.of());
        }
        Condition.OfPattern of = (Condition.OfPattern) c;
        Map<String, Set<String>> acc = null;
        for (Map.Entry<String, DetectionNode> e : rule.identifiers().entrySet()) {
            boolean selected = of.pattern() == null ? !e.getKey().startsWith("_") : Identifiers.matches(of.pattern(), e.getKey());
            if (!selected) {
                continue;
            }
            Map<String, Set<String>> r = required(e.getValue());
            acc = acc == null ? r : of.all() ? intersect(acc, r) : union(acc, r);
        }
        return Optional.of(acc == null ? Map.of() : acc);
    }

    private static Map<String, Set<String>> required(DetectionNode n) {
        if (n instanceof FieldItem item) {
            return exactValues(item).map(v -> Map.of(item.field(), v)).orElse(Map.of());
        }
        if (n instanceof DetectionNode.AllOf all) {
            Map<String, Set<String>> acc = new HashMap<>();
            for (DetectionNode child : all.items()) {
                acc = intersect(acc, required(child));
            }
            return acc;
        }
        Map<String, Set<String>> acc = null;
        for (DetectionNode child : ((DetectionNode.AnyOf) n).items()) {
            Map<String, Set<String>> r = required(child);
            acc = acc == null ? r : union(acc, r);
        }
        return acc == null ? Map.of() : acc;
    }

    /** The folded exact values of a plain equality item (no wildcards, no modifiers but cased), if it is one. */
    private static Optional<Set<String>> exactValues(FieldItem item) {
        if (item.field() == null || item.modifiers().stream().anyMatch(m -> m != Modifier.CASED)) {
            return Optional.empty();
        }
        Set<String> out = new HashSet<>();
        for (Object v : item.values()) {
            if (!(v instanceof String s) || s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('\\') >= 0) {
                return Optional.empty(); // numbers match their JSON form too; keep it simple and exact
            }
            out.add(CaseFold.fold(s));
        }
        return Optional.of(out);
    }

    /** AND: both constraints hold; a field in both must be in both sets. */
    private static Map<String, Set<String>> intersect(Map<String, Set<String>> a, Map<String, Set<String>> b) {
        Map<String, Set<String>> out = new HashMap<>(a);
        b.forEach((field, values) -> out.merge(field, values, (x, y) -> {
            Set<String> s = new HashSet<>(x);
            s.retainAll(y);
            return s;
        }));
        return out;
    }

    /** OR: only fields constrained on both sides stay, with either side's values. */
    private static Map<String, Set<String>> union(Map<String, Set<String>> a, Map<String, Set<String>> b) {
        Map<String, Set<String>> out = new HashMap<>();
        a.forEach((field, values) -> {
            Set<String> other = b.get(field);
            if (other != null) {
                Set<String> s = new HashSet<>(values);
                s.addAll(other);
                out.put(field, s);
            }
        });
        return out;
    }

}
