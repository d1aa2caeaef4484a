package dev.cloudwarden.engine.ingest.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the values at a fixed set of dotted paths from a JSON record in one streaming pass, skipping
 * every subtree no path enters. This is what makes normalization cheap: a CloudTrail record of 1.6 KB
 * is tokenized once and only the dozen strings the event model needs are decoded.
 *
 * <p>Paths are compiled once into a trie of field names; the extractor is immutable and thread-safe.
 * A path that meets an array is applied to every element (all values are kept, in order). A path that
 * ends at an object or array captures nothing; ask for its leaves. JSON null captures nothing.
 */
public final class JsonFieldExtractor {
    private final Node root = new Node();
    private final int pathCount;

    /** Collects paths one by one, handing out their slot numbers, for parsers that keep them as constants. */
    public static final class Builder {
        private final List<String> paths = new java.util.ArrayList<>();

        public int path(String dotted) {
            paths.add(dotted);
            return paths.size() - 1;
        }

        public JsonFieldExtractor build() {
            return new JsonFieldExtractor(paths);
        }
    }

    public JsonFieldExtractor(List<String> paths) {
        for (int i = 0; i < paths.size(); i++) {
            Node node = root;
            for (String segment : paths.get(i).split("\\.")) {
                node = node.children.computeIfAbsent(segment, k -> new Node());
            }
            if (node.slot >= 0) {
                throw new IllegalArgumentException("path listed twice: " + paths.get(i));
            }
            node.slot = i;
        }
        this.pathCount = paths.size();
        root.freeze();
    }

    public int pathCount() {
        return pathCount;
    }

    /**
     * Extracts from a parser positioned before (or at) the record's START_OBJECT. Leaves the parser
     * after the record's END_OBJECT. Syntax errors, depth limits and bad UTF-8 surface as IOExceptions.
     */
    public ExtractedFields extract(JsonParser parser) throws IOException {
        // Field names must be interned for the reference comparison in Node.child (see there).
        JsonToken token = parser.currentToken();
        if (token == null || token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
            token = parser.nextToken();
        }
        if (token != JsonToken.START_OBJECT) {
            throw new NotAnObjectException(token == null ? "empty input" : "expected a JSON object, found " + describe(token));
        }
        ExtractedFields fields = new ExtractedFields(pathCount);
        readObject(parser, root, fields);
        return fields;
    }

    private static void readObject(JsonParser parser, Node node, ExtractedFields out) throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            Node child = node.child(parser.currentName());
            JsonToken value = parser.nextToken();
            if (child == null) {
                parser.skipChildren();
            } else {
                readValue(parser, value, child, out);
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IOException("malformed object: unexpected " + describe(token));
        }
    }

    private static void readValue(JsonParser parser, JsonToken value, Node node, ExtractedFields out) throws IOException {
        switch (value) {
            case START_OBJECT -> {
                if (node.keys.length == 0) {
                    parser.skipChildren();
                } else {
                    readObject(parser, node, out);
                }
            }
            case START_ARRAY -> {
                JsonToken element;
                while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (element == null) {
                        throw new IOException("unexpected end of input inside an array");
                    }
                    readValue(parser, element, node, out);
                }
            }
            case VALUE_NULL -> { }
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> {
                if (node.slot >= 0) {
                    out.add(node.slot, parser.getText());
                }
            }
            default -> throw new IOException("unexpected " + describe(value));
        }
    }

    private static String describe(JsonToken token) {
        return token == null ? "end of input" : token.asString() != null ? "'" + token.asString() + "'" : token.name().toLowerCase();
    }

    /**
     * One level of the path trie. Jackson interns field names (JsonFactory.Feature.INTERN_FIELD_NAMES,
     * on in every factory of ours), and so are these keys, so a child is found by comparing references:
     * no hashing of the name for each of the ~100 fields of a record, most of which match nothing.
     */
    private static final class Node {
        final Map<String, Node> children = new HashMap<>(8);
        String[] keys = new String[0];
        Node[] nodes = new Node[0];
        int slot = -1;

        Node child(String name) {
            String[] k = keys;
            for (int i = 0; i < k.length; i++) {
                if (k[i] == name) {
                    return nodes[i];
                }
            }
            return null;
        }

        void freeze() {
            keys = new String[children.size()];
            nodes = new Node[children.size()];
            int i = 0;
            for (Map.Entry<String, Node> e : children.entrySet()) {
                keys[i] = e.getKey().intern();
                nodes[i++] = e.getValue();
                e.getValue().freeze();
            }
        }
    }

    /** The record is valid JSON but not an object (a bare string, number or array). */
    public static final class NotAnObjectException extends IOException {
        public NotAnObjectException(String message) {
            super(message);
        }
    }
}
