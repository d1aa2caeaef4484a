package dev.cloudwarden.engine.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The original record behind an event. JSON records keep their bytes and are only turned into a tree
 * when something asks for a field the normalizer did not already read (most events are never fully
 * parsed: see DESIGN.md "fast by construction"). Text records (sshd, web, flow logs...) carry their
 * line and the fields their parser cut out of it, named as Sigma's taxonomy names them.
 *
 * <p>Field lookups follow the engine's contract: dotted paths address nested objects, a key that
 * literally contains the dots wins, and a path that crosses an array fans out over its elements. A
 * {@link FieldCache} installed by the rule engine answers for the fields it read ahead.
 */
public final class RawRecord {
    private final byte[] json;       // a JSON record's bytes; for a line, its fields' JSON when not yet a tree
    private final String line;
    private JsonNode tree; // built on first use; the bytes were validated by the parser that made us
    private FieldCache cache; // values some fields were read into without building the tree
    private byte[] digest;    // SHA-256 of the original bytes, for alert ids; computed once

    private RawRecord(byte[] json, String line, JsonNode tree) {
        this.json = json;
        this.line = line;
        this.tree = tree;
    }

    /** A JSON record held as its UTF-8 bytes (already validated, owned by this record). */
    public static RawRecord ofJson(byte[] utf8) {
        return new RawRecord(utf8, null, null);
    }

    /** A JSON record whose tree is already built. */
    public static RawRecord ofTree(JsonNode tree) {
        return new RawRecord(null, null, tree);
    }

    /**
     * A text line and its fields as JSON bytes (an object, as {@link #ofLine} gives them once written), made into a
     * tree only when something asks for a field: a line that crossed to another task is read only as far as needed.
     */
    public static RawRecord ofLineFields(String line, byte[] fieldsJson) {
        return new RawRecord(java.util.Objects.requireNonNull(fieldsJson, "fieldsJson"),
                java.util.Objects.requireNonNull(line, "line"), null);
    }

    /** The fields of a text line as JSON bytes (not a copy: do not modify), if it has them unparsed; else null. */
    public byte[] lineFieldBytes() {
        return line != null && tree == null ? json : null;
    }

    /** A text line and the fields its parser extracted. */
    public static RawRecord ofLine(String line, ObjectNode fields) {
        return new RawRecord(null, line, fields);
    }

    public boolean isJson() {
        return line == null;
    }

    /** The record as an object tree (parsed now if it was not yet). */
    public JsonNode tree() {
        JsonNode t = tree;
        if (t == null) {
            try {
                t = Json.MAPPER.readTree(json);
            } catch (IOException e) {
                // Cannot happen for records that came through a parser; say so loudly if it does.
                throw new UncheckedIOException("record bytes no longer parse", e);
            }
            tree = t;
        }
        return t;
    }

    /** The original text: the JSON as read, or the log line. */
    public String text() {
        if (line != null) {
            return line;
        }
        return json != null ? new String(json, StandardCharsets.UTF_8) : tree.toString();
    }

    /** Values read ahead of time for some paths (see {@link FieldCache}); replaces any earlier cache. */
    public void cache(FieldCache fields) {
        this.cache = fields;
    }

    /** SHA-256 of the original record (its JSON bytes or its line), computed on first use. */
    public byte[] digest() {
        byte[] d = digest;
        if (d == null) {
            byte[] bytes = json != null && line == null ? json : text().getBytes(StandardCharsets.UTF_8);
            d = Digests.sha256(bytes);
            digest = d;
        }
        return d;
    }

    public boolean hasCache() {
        return cache != null;
    }

    /** The bytes of a JSON record (not a copy: do not modify), or null for text records and trees. */
    public byte[] jsonBytes() {
        return line == null ? json : null;
    }

    /** The first value at {@code path}, or null when absent. A JSON null is returned as a NullNode. */
    public JsonNode get(FieldPath path) {
        List<JsonNode> all = getAll(path);
        return all.isEmpty() ? null : all.get(0);
    }

    /** Every value at {@code path}: arrays on the way and at the end are fanned out into their elements. */
    public List<JsonNode> getAll(FieldPath path) {
        if (cache != null) {
            List<JsonNode> cached = cache.values(path);
            if (cached != null) {
                return cached;
            }
        }
        List<JsonNode> out = new ArrayList<>(1);
        visit(tree(), path, 0, out::add);
        return out;
    }

    /** True when the key is present, even with a JSON null value. */
    public boolean has(FieldPath path) {
        return get(path) != null;
    }

    /** The value at {@code path} as text (numbers and booleans in their JSON form), or null. */
    public String text(FieldPath path) {
        JsonNode node = get(path);
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /**
     * Collects the values at {@code path[index..]} below {@code node}. At each object, the longest run of
     * segments that is a key is tried first; if it leads to nothing, shorter runs are tried, so a key that
     * literally contains the dots wins wherever it resolves the path.
     */
    private static boolean visit(JsonNode node, FieldPath path, int index, Consumer<JsonNode> out) {
        if (node.isArray()) {
            boolean found = false;
            for (JsonNode element : node) {
                found |= visit(element, path, index, out);
            }
            return found;
        }
        if (index == path.length()) {
            out.accept(node);
            return true;
        }
        if (!node.isObject()) {
            return false;
        }
        for (int end = path.length(); end > index; end--) {
            JsonNode child = node.get(path.joined(index, end));
            if (child != null && visit(child, path, end, out)) {
                return true;
            }
        }
        return false;
    }
}
