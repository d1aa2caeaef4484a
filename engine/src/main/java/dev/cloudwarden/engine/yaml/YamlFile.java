package dev.cloudwarden.engine.yaml;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.schema.FailsafeSchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML file a person wrote (check files, playbooks) read as nodes that know their lines, so every mistake is
 * reported as file:line and reason. Untrusted: the failsafe schema (every scalar a string, nothing instantiated),
 * duplicate keys refused, aliases bounded (no billion laughs).
 */
public final class YamlFile {
    private final String file;
    private final Node root;

    private YamlFile(String file, Node root) {
        this.file = file;
        this.root = root;
    }

    /** Parses {@code text}; not YAML, or empty, is a problem at the line where it broke. */
    public static YamlFile parse(String file, String text) throws YamlProblem {
        LoadSettings settings = LoadSettings.builder().setLabel(file).setSchema(new FailsafeSchema())
                .setAllowDuplicateKeys(false).setMaxAliasesForCollections(10)
                .setBufferSize(Math.max(1024, text.length() + 2)).build();
        try {
            Node root = new Compose(settings).composeString(text)
                    .orElseThrow(() -> new YamlProblem(file, 0, "empty file"));
            return new YamlFile(file, root);
        } catch (MarkedYamlEngineException e) {
            throw new YamlProblem(file, e.getProblemMark().map(m -> m.getLine() + 1).orElse(0), "not YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new YamlProblem(file, 0, "not YAML: " + e.getMessage());
        }
    }

    /** The YAML files ({@code .yml}, {@code .yaml}) of {@code paths}: a file as given, a folder's read recursively in name order. */
    public static List<java.nio.file.Path> filesUnder(List<java.nio.file.Path> paths) throws java.io.IOException {
        List<java.nio.file.Path> out = new ArrayList<>();
        for (java.nio.file.Path p : paths) {
            if (java.nio.file.Files.isDirectory(p)) {
                try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.walk(p)) {
                    s.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().forEach(out::add);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    public String file() {
        return file;
    }

    public Node root() {
        return root;
    }

    /** The 1-based line where {@code node} starts; 0 when unknown. */
    public static int line(Node node) {
        return node == null ? 0 : node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    public YamlProblem problem(Node at, String reason) {
        return new YamlProblem(file, line(at), reason);
    }

    /** A mapping's entries by key, in order; a key not in {@code allowed} is a problem naming the ones that are. */
    public Map<String, Node> mapping(Node node, Set<String> allowed) throws YamlProblem {
        if (!(node instanceof MappingNode m)) {
            throw problem(node, "expected a mapping");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw problem(t.getKeyNode(), "keys must be plain strings");
            }
            if (!allowed.contains(k.getValue())) {
                throw problem(k, "unknown key '" + k.getValue() + "' (expected one of " + allowed.stream().sorted().toList() + ")");
            }
            out.put(k.getValue(), t.getValueNode());
        }
        return out;
    }

    /** A string entry that must be there and not blank; its absence is a problem at {@code owner}. */
    public String required(Map<String, Node> m, String key, Node owner) throws YamlProblem {
        String v = optional(m, key);
        if (v == null || v.isBlank()) {
            throw problem(owner, "'" + key + "' is required");
        }
        return v;
    }

    /** A string entry, or null when absent. */
    public String optional(Map<String, Node> m, String key) throws YamlProblem {
        Node n = m.get(key);
        if (n == null) {
            return null;
        }
        if (!(n instanceof ScalarNode s)) {
            throw problem(n, "'" + key + "' must be a string");
        }
        return s.getValue();
    }

    /** A list of strings (a single string is a list of one); empty when {@code n} is null. */
    public List<String> strings(Node n) throws YamlProblem {
        if (n == null) {
            return List.of();
        }
        if (n instanceof ScalarNode s) {
            return List.of(s.getValue());
        }
        if (!(n instanceof SequenceNode seq)) {
            throw problem(n, "expected a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            if (!(item instanceof ScalarNode s)) {
                throw problem(item, "expected a string");
            }
            out.add(s.getValue());
        }
        return out;
    }

    /** A mapping of string lists ({@code {cis_aws: ["2.1.5"]}}); empty when {@code n} is null. */
    public Map<String, List<String>> lists(Node n) throws YamlProblem {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : entries(n).entrySet()) {
            out.put(e.getKey(), strings(e.getValue()));
        }
        return out;
    }

    /** A mapping of strings ({@code params: {wait: "true"}}); empty when {@code n} is null. */
    public Map<String, String> scalars(Node n) throws YamlProblem {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : entries(n).entrySet()) {
            if (!(e.getValue() instanceof ScalarNode s)) {
                throw problem(e.getValue(), "'" + e.getKey() + "' must be a string");
            }
            out.put(e.getKey(), s.getValue());
        }
        return out;
    }

    /** The items of a list; a problem when {@code n} is not one. */
    public List<Node> items(Node n, String what) throws YamlProblem {
        if (!(n instanceof SequenceNode seq)) {
            throw problem(n, "'" + what + "' must be a list");
        }
        return seq.getValue();
    }

    private Map<String, Node> entries(Node n) throws YamlProblem {
        if (n == null) {
            return Map.of();
        }
        if (!(n instanceof MappingNode m)) {
            throw problem(n, "expected a mapping");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw problem(t.getKeyNode(), "keys must be plain strings");
            }
            out.put(k.getValue(), t.getValueNode());
        }
        return out;
    }
}
