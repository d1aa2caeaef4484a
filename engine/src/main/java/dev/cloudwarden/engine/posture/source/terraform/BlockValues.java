package dev.cloudwarden.engine.posture.source.terraform;

import dev.cloudwarden.engine.posture.model.Unknown;
import dev.cloudwarden.engine.posture.source.terraform.hcl.Body;
import dev.cloudwarden.engine.posture.source.terraform.hcl.Expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A block body as attributes: each argument its evaluated value; each nested block type a list of maps, repeated
 * blocks in file order ({@code versioning { enabled = true }} is {@code versioning: [{enabled: true}]}); a block with
 * labels nests its body under them ({@code provisioner "local-exec" {...}} is
 * {@code provisioner: [{"local-exec": {...}}]}). A {@code dynamic} block is expanded when its {@code for_each} is
 * known; otherwise the whole list for that block type is {@link Unknown}, since which blocks exist is unknown.
 */
final class BlockValues {
    private BlockValues() {
    }

    static Map<String, Object> attributes(Body body, Scope scope, Evaluator ev) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Unknown> unknownBlocks = new LinkedHashMap<>();
        for (Body.Item item : body.items()) {
            if (item instanceof Body.Attribute a) {
                out.put(a.name(), ev.evaluateSafely(a.expr(), scope));
            } else if (item instanceof Body.Block b) {
                if (b.type().equals("dynamic") && b.labels().size() == 1) {
                    dynamic(b, scope, ev, out, unknownBlocks);
                } else {
                    blockList(out, b.type()).add(labelled(b.labels(), attributes(b.body(), scope, ev)));
                }
            }
        }
        out.putAll(unknownBlocks);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> blockList(Map<String, Object> out, String type) {
        Object existing = out.get(type);
        if (existing instanceof List<?> l && !(existing instanceof Unknown)) {
            return (List<Object>) l;
        }
        List<Object> list = new ArrayList<>();
        out.put(type, list);
        return list;
    }

    private static Map<String, Object> labelled(List<String> labels, Map<String, Object> content) {
        Map<String, Object> value = content;
        for (int i = labels.size() - 1; i >= 0; i--) {
            Map<String, Object> wrapper = new LinkedHashMap<>();
            wrapper.put(labels.get(i), value);
            value = wrapper;
        }
        return value;
    }

    private static void dynamic(Body.Block b, Scope scope, Evaluator ev, Map<String, Object> out,
                                Map<String, Unknown> unknownBlocks) {
        String type = b.labels().get(0);
        Body.Attribute forEach = b.body().attribute("for_each");
        List<Body.Block> contents = b.body().blocks("content");
        if (forEach == null || contents.size() != 1) {
            unknownBlocks.put(type, Unknown.of("dynamic \"" + type + "\" without for_each and one content block"));
            return;
        }
        String iterator = type;
        Body.Attribute it = b.body().attribute("iterator");
        if (it != null && it.expr() instanceof Expr.Variable v) {
            iterator = v.name();
        }
        Object collection = ev.evaluateSafely(forEach.expr(), scope);
        if (collection instanceof Unknown u) {
            unknownBlocks.put(type, u);
            return;
        }
        List<Map.Entry<Object, Object>> entries;
        try {
            if (collection == null) {
                throw new EvalException("null for_each");
            }
            entries = ev.iterate(collection);
        } catch (EvalException e) {
            unknownBlocks.put(type, new Unknown(forEach.expr().span().text(),
                    References.of(forEach.expr(), scope).stream().map(scope.module()::qualify).toList()));
            return;
        }
        List<Object> list = blockList(out, type);
        Body.Attribute labelsAttr = b.body().attribute("labels");
        for (Map.Entry<Object, Object> entry : entries) {
            Map<String, Object> iteration = new LinkedHashMap<>();
            iteration.put("key", entry.getKey());
            iteration.put("value", Evaluator.unwrap(entry.getValue()));
            Scope inner = scope.bind(iterator, iteration);
            Map<String, Object> content = attributes(contents.get(0).body(), inner, ev);
            List<String> labels = List.of();
            if (labelsAttr != null) {
                Object l = ev.evaluateSafely(labelsAttr.expr(), inner);
                if (l instanceof List<?> ll && ll.stream().allMatch(x -> x instanceof String)) {
                    labels = ll.stream().map(String.class::cast).toList();
                }
            }
            list.add(labelled(labels, content));
        }
    }
}
