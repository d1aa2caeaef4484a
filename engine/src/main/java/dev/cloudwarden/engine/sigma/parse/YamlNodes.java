package dev.cloudwarden.engine.sigma.parse;

import dev.cloudwarden.engine.sigma.model.SourceLocation;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading typed values out of SnakeYAML nodes while keeping their positions, so every problem can name
 * {@code file:line:column} and the path inside the rule.
 */
final class YamlNodes {
    private final String file;

    YamlNodes(String file) {
        this.file = file;
    }

    SourceLocation at(Node node) {
        return node.getStartMark()
                .map(m -> new SourceLocation(file, m.getLine() + 1, m.getColumn() + 1))
                .orElse(SourceLocation.file(file));
    }

    RuleParseException error(RuleErrorCode code, String message, String path, Node node) {
        return new RuleParseException(new RuleError(code, message, path, at(node)));
    }

    /** The entries of a mapping node, keys as text, in order. */
    Map<String, NodeTuple> entries(MappingNode node) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : node.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : t.getKeyNode().toString();
            out.put(key, t);
        }
        return out;
    }

    MappingNode mapping(Node node, String path) throws RuleParseException {
        if (node instanceof MappingNode m) {
            return m;
        }
        throw error(RuleErrorCode.INVALID_FIELD, "expected a mapping", path, node);
    }

    String string(Node node, String path) throws RuleParseException {
        if (node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
            return s.getValue();
        }
        throw error(RuleErrorCode.INVALID_FIELD, "expected a text value", path, node);
    }

    /** A string, or null when the key is absent or null. */
    String optionalString(Map<String, NodeTuple> entries, String key) throws RuleParseException {
        NodeTuple t = entries.get(key);
        if (t == null || isNull(t.getValueNode())) {
            return null;
        }
        return string(t.getValueNode(), key);
    }

    /** A list of strings; a single string counts as a list of one. Absent or null → empty. */
    List<String> stringList(Map<String, NodeTuple> entries, String key) throws RuleParseException {
        NodeTuple t = entries.get(key);
        if (t == null || isNull(t.getValueNode())) {
            return List.of();
        }
        return stringList(t.getValueNode(), key);
    }

    List<String> stringList(Node node, String path) throws RuleParseException {
        if (node instanceof ScalarNode) {
            return List.of(string(node, path));
        }
        if (node instanceof SequenceNode seq) {
            List<String> out = new ArrayList<>();
            int i = 0;
            for (Node element : seq.getValue()) {
                out.add(string(element, path + "[" + i++ + "]"));
            }
            return out;
        }
        throw error(RuleErrorCode.INVALID_FIELD, "expected a list of text values", path, node);
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    /** A scalar as YAML's core schema types it: String, Long, Double, Boolean or null. */
    static Object scalarValue(ScalarNode s) {
        Tag tag = s.getTag();
        String v = s.getValue();
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (tag.equals(Tag.BOOL)) {
            return Boolean.parseBoolean(v.toLowerCase(java.util.Locale.ROOT));
        }
        if (tag.equals(Tag.INT)) {
            try {
                return v.startsWith("0x") ? Long.parseLong(v.substring(2), 16)
                        : v.startsWith("0o") ? Long.parseLong(v.substring(2), 8) : Long.parseLong(v.replace("_", ""));
            } catch (NumberFormatException tooBig) {
                return v; // beyond a long: keep the digits as text, which compare the same way
            }
        }
        if (tag.equals(Tag.FLOAT)) {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException special) {
                return v; // .inf, .nan
            }
        }
        return v;
    }
}
