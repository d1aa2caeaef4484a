package dev.cloudwarden.engine.posture.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.cloudwarden.engine.event.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON read into plain data (maps, lists, strings, Long/Double, Boolean, null) while remembering where each object
 * starts and ends, so a resource found deep inside a snapshot can point at its own lines. Shared by the formats that
 * read JSON; nesting is bounded by the factory, sizes by the caller.
 */
public final class PlainJson {
    /** Deeper than any real configuration (IAM policies inside Config items inside a snapshot), far from the stack. */
    public static final int MAX_DEPTH = 200;

    private static final JsonFactory FACTORY = Json.factory(MAX_DEPTH);

    /** Lines of the objects read, by identity: a map's first and last line. */
    private final Map<Object, int[]> lines = new IdentityHashMap<>();

    /** Reads every root-level value of the text (one for a JSON file, several for concatenated JSON). */
    public List<Object> readAll(String text) throws IOException {
        List<Object> values = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(text)) {
            while (p.nextToken() != null) {
                values.add(value(p));
            }
        }
        return values;
    }

    /** Reads the one value of a text, with line numbers counted from {@code firstLine} (a JSONL record's line). */
    public Object readOne(String text, int firstLine) throws IOException {
        try (JsonParser p = FACTORY.createParser(text)) {
            lineOffset = firstLine - 1;
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IOException("empty");
            }
            Object v = value(p);
            if (p.nextToken() != null) {
                throw new IOException("more than one JSON value on the line");
            }
            return v;
        } finally {
            lineOffset = 0;
        }
    }

    private int lineOffset;

    /** The first line of an object read by this reader, or 0 when unknown. */
    public int line(Object object) {
        int[] l = lines.get(object);
        return l == null ? 0 : l[0];
    }

    /** The last line of an object read by this reader, or 0 when unknown. */
    public int endLine(Object object) {
        int[] l = lines.get(object);
        return l == null ? 0 : l[1];
    }

    private Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                int start = p.currentTokenLocation().getLineNr() + lineOffset;
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    m.put(name, value(p));
                }
                lines.put(m, new int[]{start, Math.max(start, p.currentTokenLocation().getLineNr() + lineOffset)});
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? (Object) p.getBigIntegerValue().doubleValue()
                        : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected " + t);
        }
    }

    /** A Jackson failure's reason without its location suffix (the problem carries the line). */
    public static String reason(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getOriginalMessage() != null) {
            return j.getOriginalMessage();
        }
        return String.valueOf(e.getMessage());
    }

    /** The line a Jackson failure points at, or 0. */
    public static int lineOf(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null) {
            return Math.max(0, j.getLocation().getLineNr());
        }
        return 0;
    }

    /**
     * The top-level field names of a JSON text's start (a file's head, possibly cut short), and for an array root
     * those of its first element: enough to tell formats apart without reading the whole file.
     */
    public static Map<String, Object> headFields(String head) {
        Map<String, Object> fields = new LinkedHashMap<>();
        try (JsonParser p = FACTORY.createParser(head)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                t = p.nextToken();
            }
            if (t != JsonToken.START_OBJECT) {
                return fields;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.VALUE_STRING) {
                    fields.put(name, p.getText());
                } else {
                    fields.put(name, v == JsonToken.START_OBJECT ? "{" : v == JsonToken.START_ARRAY ? "[" : p.getText());
                    p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException cutShort) {
            // The head ends mid-document, or is not JSON: what was read so far is all there is to go on.
        }
        return fields;
    }
}
