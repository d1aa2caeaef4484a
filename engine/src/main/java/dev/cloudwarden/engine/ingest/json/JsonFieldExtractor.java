package dev.cloudwarden.engine.ingest.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
    private final List<List<String>> paths;

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
            node.slots.add(i); // a path listed twice fills both slots (a parser's field that rules read too)
        }
        this.root = draft.freeze();
        this.pathCount = paths.size();
        this.paths = List.copyOf(paths);
    }

    /** A builder holding this extractor's paths in the same slots, to add more after them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        paths.forEach(keys -> b.keys(keys.toArray(String[]::new)));
        return b;
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
        /** Indexes into {@code keys} by key length in bytes. */
        private final int[][] byLength;
        /** The slot values at this node go to, or -1; {@code extraSlots} when several paths end here. */
        final int slot;
        final int[] extraSlots;

        private Node(byte[][] keys, Node[] children, int slot, int[] extraSlots) {
            this.keys = keys;
            this.children = children;
            this.slot = slot;
            this.extraSlots = extraSlots;
            Node empty = null;
            for (int i = 0; i < keys.length; i++) {
                if (keys[i].length == 0) {
                    empty = children[i];
                }
            }
            this.emptyKeyChild = empty;
            int max = 0;
            for (byte[] k : keys) {
                max = Math.max(max, k.length);
            }
            this.byLength = new int[max + 1][];
            for (int i = 0; i < keys.length; i++) {
                int len = keys[i].length;
                if (len > 0) {
                    int[] old = byLength[len];
                    int[] grown = old == null ? new int[1] : java.util.Arrays.copyOf(old, old.length + 1);
                    grown[grown.length - 1] = i;
                    byLength[len] = grown;
                }
            }
        }

        boolean isLeaf() {
            return keys.length == 0;
        }

        /**
         * The child named by {@code name[from, from+length)}, or null. Keys are bucketed by length, so a name
         * is compared with the one or two keys of its length (then by first and last byte) at most.
         */
        Node child(byte[] name, int from, int length) {
            int[] candidates = length < byLength.length ? byLength[length] : null;
            if (candidates == null) {
                return length == 0 ? emptyKeyChild : null;
            }
            byte first = name[from];
            byte last = name[from + length - 1];
            for (int i : candidates) {
                byte[] k = keys[i];
                if (k[0] == first && k[length - 1] == last && same(name, from, k)) {
                    return children[i];
                }
            }
            return null;
        }
    }

    /** Byte comparison; a plain loop beats {@code Arrays.equals} on field names a few bytes long. */
    private static boolean same(byte[] name, int from, byte[] key) {
        for (int i = 1; i < key.length - 1; i++) {
            if (name[from + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    /** The trie while paths are being added. */
    private static final class Draft {
        final Map<String, Draft> children = new LinkedHashMap<>();
        final List<Integer> slots = new ArrayList<>(1);

        Node freeze() {
            byte[][] keys = new byte[children.size()][];
            Node[] nodes = new Node[children.size()];
            int i = 0;
            for (Map.Entry<String, Draft> e : children.entrySet()) {
                keys[i] = e.getKey().getBytes(StandardCharsets.UTF_8);
                nodes[i++] = e.getValue().freeze();
            }
            int[] extra = slots.stream().skip(1).mapToInt(Integer::intValue).toArray();
            return new Node(keys, nodes, slots.isEmpty() ? -1 : slots.get(0), extra);
        }
    }
}
