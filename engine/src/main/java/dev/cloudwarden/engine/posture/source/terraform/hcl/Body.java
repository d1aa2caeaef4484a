package dev.cloudwarden.engine.posture.source.terraform.hcl;

import java.util.List;

/** The contents of a file or a block: attributes and blocks in the order written. */
public record Body(List<Item> items) {
    public Body {
        items = List.copyOf(items);
    }

    public sealed interface Item {
        Span span();
    }

    /** {@code name = expr}. */
    public record Attribute(Span span, String name, Expr expr) implements Item {
    }

    /** {@code type "label" ... { body }}; the span runs from the type to the closing brace. */
    public record Block(Span span, String type, List<String> labels, Body body) implements Item {
    }

    public List<Attribute> attributes() {
        return items.stream().filter(Attribute.class::isInstance).map(Attribute.class::cast).toList();
    }

    public List<Block> blocks() {
        return items.stream().filter(Block.class::isInstance).map(Block.class::cast).toList();
    }

    public Attribute attribute(String name) {
        for (Item i : items) {
            if (i instanceof Attribute a && a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    public List<Block> blocks(String type) {
        return blocks().stream().filter(b -> b.type().equals(type)).toList();
    }
}
