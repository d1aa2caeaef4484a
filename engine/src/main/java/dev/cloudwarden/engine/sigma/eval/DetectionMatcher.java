package dev.cloudwarden.engine.sigma.eval;

import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.sigma.model.Condition;
import dev.cloudwarden.engine.sigma.model.DetectionNode;
import dev.cloudwarden.engine.sigma.model.FieldItem;
import dev.cloudwarden.engine.sigma.parse.Identifiers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A detection compiled: each search identifier's definition with its field items compiled, and the condition over
 * them with its identifiers resolved once ({@link #condition}), so evaluating it looks nothing up by name (matching
 * {@code 1 of sel*} per event compiled a regular expression each time).
 */
sealed interface DetectionMatcher {
    boolean test(RawRecord record);

    record All(List<DetectionMatcher> items) implements DetectionMatcher {
        @Override
        public boolean test(RawRecord record) {
            for (DetectionMatcher m : items) {
                if (!m.test(record)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Any(List<DetectionMatcher> items) implements DetectionMatcher {
        @Override
        public boolean test(RawRecord record) {
            for (DetectionMatcher m : items) {
                if (m.test(record)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(DetectionMatcher operand) implements DetectionMatcher {
        @Override
        public boolean test(RawRecord record) {
            return !operand.test(record);
        }
    }

    record Item(ItemMatcher item) implements DetectionMatcher {
        @Override
        public boolean test(RawRecord record) {
            return item.test(record);
        }
    }

    /** A condition over compiled identifiers: {@code and}/{@code all of} as {@link All}, {@code or}/{@code 1 of} as {@link Any}. */
    static DetectionMatcher condition(Condition c, Map<String, DetectionMatcher> identifiers) {
        if (c instanceof Condition.Ref r) {
            return identifiers.get(r.identifier());
        }
        if (c instanceof Condition.And and) {
            return new All(and.operands().stream().map(o -> condition(o, identifiers)).toList());
        }
        if (c instanceof Condition.Or or) {
            return new Any(or.operands().stream().map(o -> condition(o, identifiers)).toList());
        }
        if (c instanceof Condition.Not not) {
            return new Not(condition(not.operand(), identifiers));
        }
        Condition.OfPattern of = (Condition.OfPattern) c;
        List<DetectionMatcher> selected = new ArrayList<>();
        identifiers.forEach((name, matcher) -> {
            if (of.pattern() == null ? !name.startsWith("_") : Identifiers.matches(of.pattern(), name)) {
                selected.add(matcher);
            }
        });
        // "all of" a pattern that selects nothing is false, as "1 of" it is
        return of.all() && !selected.isEmpty() ? new All(selected) : new Any(selected);
    }

    static DetectionMatcher compile(DetectionNode node, String path, SigmaConfig config) throws RuleSemanticException {
        if (node instanceof FieldItem item) {
            return new Item(ValuePatterns.compile(item, path + (item.isKeyword() ? "" : "." + item.key()), config));
        }
        List<DetectionNode> children = node instanceof DetectionNode.AllOf all ? all.items() : ((DetectionNode.AnyOf) node).items();
        List<DetectionMatcher> compiled = new ArrayList<>(children.size());
        int i = 0;
        for (DetectionNode child : children) {
            compiled.add(compile(child, node instanceof DetectionNode.AnyOf ? path + "[" + i++ + "]" : path, config));
        }
        return node instanceof DetectionNode.AllOf ? new All(compiled) : new Any(compiled);
    }
}
