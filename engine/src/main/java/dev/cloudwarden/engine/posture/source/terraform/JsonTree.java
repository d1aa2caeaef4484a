package dev.cloudwarden.engine.posture.source.terraform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.cloudwarden.engine.event.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON document read with Jackson into nodes that remember their lines (Jackson's trees do not), for
 * {@code .tf.json} files and plan files whose resources are reported by line. Numbers are {@link java.math.BigDecimal}.
 */
final class JsonTree {
    static final int MAX_DEPTH = 500;

    private JsonTree() {
    }

    /** A value (Map of Node, List of Node, or a scalar) and the lines from its first to its last token. */
    record Node(Object value, int line, int endLine) {
        @SuppressWarnings("unchecked")
        Map<String, Node> object() {
            return value instanceof Map<?, ?> m ? (Map<String, Node>) m : Map.of();
        }

        @SuppressWarnings("unchecked")
        List<Node> array() {
            return value instanceof List<?> l ? (List<Node>) l : List.of();
        }

        Node get(String key) {
            return object().get(key);
        }

        String text() {
            return value instanceof String s ? s : null;
        }

        /** The plain value: maps, lists and scalars without lines. */
        Object plain() {
            if (value instanceof Map<?, ?>) {
                Map<String, Object> out = new LinkedHashMap<>();
                object().forEach((k, v) -> out.put(k, v.plain()));
                return out;
            }
            if (value instanceof List<?>) {
                List<Object> out = new ArrayList<>();
                array().forEach(v -> out.add(v.plain()));
                return out;
            }
            return value;
        }
    }

    /** The document's single value; null for an empty text. Duplicate keys: the last wins, as in Terraform. */
    static Node parse(String text) throws IOException {
        try (JsonParser p = Json.factory(MAX_DEPTH).createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return null;
            }
            Node n = read(p, t);
            if (p.nextToken() != null) {
                throw new IOException("text after the JSON value at line " + p.currentTokenLocation().getLineNr());
            }
            return n;
        }
    }

    private static Node read(JsonParser p, JsonToken t) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        switch (t) {
            case START_OBJECT: {
                Map<String, Node> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    m.put(k, read(p, p.nextToken()));
                }
                return new Node(m, line, p.currentTokenLocation().getLineNr());
            }
            case START_ARRAY: {
                List<Node> l = new ArrayList<>();
                JsonToken n;
                while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (n == null) {
                        throw new IOException("unterminated array");
                    }
                    l.add(read(p, n));
                }
                return new Node(l, line, p.currentTokenLocation().getLineNr());
            }
            case VALUE_STRING:
                return new Node(p.getText(), line, line);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new Node(p.getDecimalValue(), line, line);
            case VALUE_TRUE:
                return new Node(Boolean.TRUE, line, line);
            case VALUE_FALSE:
                return new Node(Boolean.FALSE, line, line);
            case VALUE_NULL:
                return new Node(null, line, line);
            default:
                throw new IOException("unexpected " + t);
        }
    }
}
