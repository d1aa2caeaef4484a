package dev.cloudwarden.engine.sigma.model;

import java.util.List;

/**
 * One search identifier's definition: a map is {@link AllOf} its items, a list is {@link AnyOf} its
 * elements, and a {@link FieldItem} tests one field (or, without a field, the whole record: keywords).
 */
public sealed interface DetectionNode permits DetectionNode.AllOf, DetectionNode.AnyOf, FieldItem {

    /** A YAML map: every item must hold. */
    record AllOf(List<DetectionNode> items) implements DetectionNode {
        public AllOf {
            items = List.copyOf(items);
        }
    }

    /** A YAML list: any element may hold. */
    record AnyOf(List<DetectionNode> items) implements DetectionNode {
        public AnyOf {
            items = List.copyOf(items);
        }
    }
}
