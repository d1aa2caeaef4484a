package dev.cloudwarden.engine.sigma.compile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.FieldCache;
import dev.cloudwarden.engine.event.FieldPath;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.ingest.json.ExtractedFields;
import dev.cloudwarden.engine.ingest.json.JsonFieldExtractor;
import dev.cloudwarden.engine.ingest.json.JsonScanException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the fields a group of rules tests from a JSON record's bytes in one pass, without building its
 * tree (DESIGN.md: the rest only on demand). A dotted path may also name keys that contain dots, so each
 * path is read in all its splittings, tried longest-key-first as {@link RawRecord} does. Fields that hold
 * objects, or values of mixed JSON types, are left to the tree.
 */
final class FieldPrefetcher {
    /** Paths longer than this are left to the tree: 2^(n-1) splittings each. */
    private static final int MAX_SEGMENTS = 6;

    private final JsonFieldExtractor extractor;
    private final Map<FieldPath, int[]> slots; // per path: slots of its splittings, in precedence order

    FieldPrefetcher(Collection<FieldPath> paths) {
        JsonFieldExtractor.Builder b = new JsonFieldExtractor.Builder();
        Map<FieldPath, int[]> map = new HashMap<>();
        for (FieldPath p : paths) {
            if (p.length() > MAX_SEGMENTS || map.containsKey(p)) {
                continue;
            }
            List<String[]> splits = splittings(p);
            int[] s = new int[splits.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = b.keys(splits.get(i));
            }
            map.put(p, s);
        }
        this.extractor = b.build();
        this.slots = Map.copyOf(map);
    }

    boolean isEmpty() {
        return slots.isEmpty();
    }

    /** Installs the read-ahead values on a JSON record; text records and failures keep using the tree. */
    void prefetch(RawRecord record) {
        byte[] json = record.jsonBytes();
        if (json == null) {
            return;
        }
        try {
            ExtractedFields f = extractor.extract(json, Json.MAX_DEPTH);
            record.cache(new Cache(f));
        } catch (JsonScanException e) {
            record.cache(null); // cannot happen for records that came through a parser; the tree will say why
        }
    }

    /** Every way to split the path's segments into keys, the longest first key first (then recursively). */
    static List<String[]> splittings(FieldPath p) {
        List<String[]> out = new ArrayList<>();
        split(p, 0, new ArrayList<>(), out);
        return out;
    }

    private static void split(FieldPath p, int from, List<String> keys, List<String[]> out) {
        if (from == p.length()) {
            out.add(keys.toArray(String[]::new));
            return;
        }
        for (int end = p.length(); end > from; end--) {
            keys.add(p.joined(from, end));
            split(p, end, keys, out);
            keys.remove(keys.size() - 1);
        }
    }

    private final class Cache implements FieldCache {
        private final ExtractedFields fields;

        Cache(ExtractedFields fields) {
            this.fields = fields;
        }

        @Override
        public List<JsonNode> values(FieldPath path) {
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

        /** The node Jackson's tree would hold for this value. */
        private JsonNode node(String text, ExtractedFields.Kind kind) {
            return switch (kind) {
                case STRING -> Json.NODES.textNode(text);
                case BOOLEAN -> Json.NODES.booleanNode(text.equals("true"));
                case NUMBER -> number(text);
            };
        }

        private JsonNode number(String text) {
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
    }
}
