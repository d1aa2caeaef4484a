package dev.cloudwarden.engine.ingest.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.FieldCache;
import dev.cloudwarden.engine.event.FieldPath;
import dev.cloudwarden.engine.event.Json;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fields to read from JSON records in the same pass that parses them, for rules to test without the
 * record's tree being built (DESIGN.md: the few fields the rules need first, the rest on demand). A
 * dotted path may also name keys that contain dots, so each path is read in all its splittings and they
 * are tried longest-key-first, as {@link dev.cloudwarden.engine.event.RawRecord} does. Fields holding
 * objects, or values of mixed JSON types, are left to the tree.
 */
public final class ReadAhead {
    /** Paths longer than this are left to the tree: 2^(n-1) splittings each. */
    private static final int MAX_SEGMENTS = 6;

    /** No fields: records are parsed on demand only. */
    public static final ReadAhead NONE = new ReadAhead(List.of());

    private final Map<FieldPath, List<List<String>>> splittings = new LinkedHashMap<>();

    public ReadAhead(Collection<FieldPath> paths) {
        for (FieldPath p : paths) {
            if (p.length() <= MAX_SEGMENTS) {
                splittings.putIfAbsent(p, splittings(p));
            }
        }
    }

    public Set<FieldPath> paths() {
        return splittings.keySet();
    }

    public boolean isEmpty() {
        return splittings.isEmpty();
    }

    /** These fields and {@code other}'s, each once. */
    public ReadAhead plus(ReadAhead other) {
        if (other.isEmpty()) {
            return this;
        }
        java.util.Set<FieldPath> all = new java.util.LinkedHashSet<>(paths());
        all.addAll(other.paths());
        return new ReadAhead(all);
    }

    /** An extractor reading {@code base}'s paths (same slots) and these fields after them. */
    public Extractor extend(JsonFieldExtractor base) {
        JsonFieldExtractor.Builder b = base.toBuilder();
        Map<FieldPath, int[]> slots = new LinkedHashMap<>();
        for (Map.Entry<FieldPath, List<List<String>>> e : splittings.entrySet()) {
            int[] s = new int[e.getValue().size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = b.keys(e.getValue().get(i).toArray(String[]::new));
            }
            slots.put(e.getKey(), s);
        }
        return new Extractor(b.build(), Map.copyOf(slots));
    }

    /** An extractor for these fields alone. */
    public Extractor extractor() {
        return extend(new JsonFieldExtractor(List.of()));
    }

    /** The combined extractor and, per field, the slots of its splittings in precedence order. */
    public record Extractor(JsonFieldExtractor extractor, Map<FieldPath, int[]> slots) {
        /** The read-ahead values of one record, answering as RawRecord#getAll would. */
        public FieldCache cache(ExtractedFields fields) {
            return path -> values(fields, path);
        }

        private List<JsonNode> values(ExtractedFields fields, FieldPath path) {
            int[] s = slots.get(path);
            if (s == null) {
                return null;
            }
            for (int slot : s) {
                if (fields.sawComplex(slot)) {
                    return null;
                }
                List<String> texts = fields.all(slot);
                if (texts.isEmpty() && !fields.sawNull(slot)) {
                    continue; // this splitting does not resolve; try the next
                }
                ExtractedFields.Kind kind = fields.uniformKind(slot);
                if (kind == null) {
                    return null;
                }
                List<JsonNode> out = new ArrayList<>(texts.size() + 1);
                for (String t : texts) {
                    out.add(node(t, kind));
                }
                if (fields.sawNull(slot)) {
                    out.add(Json.NODES.nullNode());
                }
                return out;
            }
            return List.of();
        }
    }

    /** The node Jackson's tree would hold for this value. */
    private static JsonNode node(String text, ExtractedFields.Kind kind) {
        return switch (kind) {
            case STRING -> Json.NODES.textNode(text);
            case BOOLEAN -> Json.NODES.booleanNode(text.equals("true"));
            case NUMBER -> number(text);
        };
    }

    private static JsonNode number(String text) {
        if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
            try {
                long v = Long.parseLong(text);
                return v == (int) v ? Json.NODES.numberNode((int) v) : Json.NODES.numberNode(v);
            } catch (NumberFormatException big) {
                return Json.NODES.numberNode(new BigInteger(text));
            }
        }
        return Json.NODES.numberNode(Double.parseDouble(text));
    }

    /** Every way to split the path's segments into keys, the longest first key first (then recursively). */
    static List<List<String>> splittings(FieldPath p) {
        List<List<String>> out = new ArrayList<>();
        split(p, 0, new ArrayList<>(), out);
        return out;
    }

    private static void split(FieldPath p, int from, List<String> keys, List<List<String>> out) {
        if (from == p.length()) {
            out.add(List.copyOf(keys));
            return;
        }
        for (int end = p.length(); end > from; end--) {
            keys.add(p.joined(from, end));
            split(p, end, keys, out);
            keys.remove(keys.size() - 1);
        }
    }
}
