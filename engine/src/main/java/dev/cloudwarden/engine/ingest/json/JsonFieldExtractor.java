package dev.cloudwarden.engine.ingest.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the values at a fixed set of dotted paths from a JSON record in one validating pass (see
 * {@link JsonScanner}), decoding only those values. This is what makes normalization cheap: a CloudTrail
 * record of 1.5 KB is checked once and only the few dozen strings the event model needs are decoded.
 *
 * <p>Paths are compiled once into a trie of field names; the extractor is immutable and thread-safe.
 * A path that meets an array is applied to every element (all values are kept, in order). A path that
 * ends at an object or array captures nothing; ask for its leaves. JSON null captures nothing. In a
 * dotted path each segment is a plain key; keys with dots in them are given one by one
 * ({@link Builder#keys}).
 */
public final class JsonFieldExtractor {
    private final Node root;
    private final int pathCount;

    /** Collects paths one by one, handing out their slot numbers, for parsers that keep them as constants. */
    public static final class Builder {
        private final List<List<String>> paths = new ArrayList<>();

        /** A dotted path: {@code a.b} is key {@code b} inside key {@code a}. */
        public int path(String dotted) {
            return keys(dotted.split("\\."));
        }

        /** A path given key by key, for keys that contain dots themselves (claim URIs, annotation names). */
        public int keys(String... keys) {
            paths.add(List.of(keys));
            return paths.size() - 1;
        }

        public JsonFieldExtractor build() {
            return new JsonFieldExtractor(paths, true);
        }
    }

    /** Dotted paths, slot i for path i. */
    public JsonFieldExtractor(List<String> dottedPaths) {
        this(dottedPaths.stream().map(p -> List.of(p.split("\\."))).toList(), true);
    }

    private JsonFieldExtractor(List<List<String>> paths, boolean keyed) {
        Draft draft = new Draft();
        for (int i = 0; i < paths.size(); i++) {
            Draft node = draft;
            for (String key : paths.get(i)) {
                node = node.children.computeIfAbsent(key, k -> new Draft());
            }
            if (node.slot >= 0) {
                throw new IllegalArgumentException("path listed twice: " + String.join(" > ", paths.get(i)));
            }
            node.slot = i;
        }
        this.root = draft.freeze();
        this.pathCount = paths.size();
    }

    public int pathCount() {
        return pathCount;
    }

    /**
     * Validates {@code json} as one JSON object (whitespace around it allowed) and extracts the paths.
     *
     * @throws JsonScanException naming what is wrong and the byte column
     */
    public ExtractedFields extract(byte[] json, int maxDepth) throws JsonScanException {
        ExtractedFields fields = new ExtractedFields(pathCount);
        new JsonScanner(json, 0, json.length, maxDepth, fields).scanRecord(root);
        return fields;
    }

    /** One level of the compiled trie: children by the UTF-8 bytes of their key. */
    static final class Node {
        private final byte[][] keys;
        private final Node[] children;
        private final Node emptyKeyChild;
        final int slot;

        private Node(byte[][] keys, Node[] children, int slot) {
            this.keys = keys;
            this.children = children;
            this.slot = slot;
            Node empty = null;
            for (int i = 0; i < keys.length; i++) {
                if (keys[i].length == 0) {
                    empty = children[i];
                }
            }
            this.emptyKeyChild = empty;
        }

        boolean isLeaf() {
            return keys.length == 0;
        }

        /** The child named by {@code name[from, from+length)}, or null. Few keys per level, so a scan beats hashing. */
        Node child(byte[] name, int from, int length) {
            if (length == 0) {
                return emptyKeyChild;
            }
            byte first = name[from];
            byte last = name[from + length - 1];
            for (int i = 0; i < keys.length; i++) {
                byte[] k = keys[i];
                // Length and end bytes rule out nearly every other key before the full comparison.
                if (k.length == length && k[0] == first && k[length - 1] == last
                        && Arrays.equals(name, from, from + length, k, 0, length)) {
                    return children[i];
                }
            }
            return null;
        }
    }

    /** The trie while paths are being added. */
    private static final class Draft {
        final Map<String, Draft> children = new LinkedHashMap<>();
        int slot = -1;

        Node freeze() {
            byte[][] keys = new byte[children.size()][];
            Node[] nodes = new Node[children.size()];
            int i = 0;
            for (Map.Entry<String, Draft> e : children.entrySet()) {
                keys[i] = e.getKey().getBytes(StandardCharsets.UTF_8);
                nodes[i++] = e.getValue().freeze();
            }
            return new Node(keys, nodes, slot);
        }
    }
}
