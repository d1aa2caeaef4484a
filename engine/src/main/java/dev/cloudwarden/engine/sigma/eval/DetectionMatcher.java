package dev.cloudwarden.engine.sigma.eval;

import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.sigma.model.DetectionNode;
import dev.cloudwarden.engine.sigma.model.FieldItem;

import java.util.ArrayList;
import java.util.List;

/** A search identifier's definition with its field items compiled. */
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

    record Item(ItemMatcher item) implements DetectionMatcher {
        @Override
        public boolean test(RawRecord record) {
            return item.test(record);
        }
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
