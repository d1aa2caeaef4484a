package dev.cloudwarden.engine.posture.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON document into a {@link SourceTree}, with the lines of every object and array, from Jackson's
 * streaming parser (nothing recurses on the input's depth; nesting beyond {@link TreeLimits#MAX_DEPTH} is refused by
 * the parser). A repeated key keeps its last value, as most JSON readers do.
 */
public final class JsonTrees {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(TreeLimits.MAX_DEPTH)
                    .maxStringLength(TreeLimits.MAX_CHARS)
                    .build())
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private JsonTrees() {
    }

    private record Open(Object container, int line) {
    }

    @SuppressWarnings("unchecked")
    public static SourceTree read(String text) throws TreeException {
        if (text.length() > TreeLimits.MAX_CHARS) {
            throw new TreeException(1, "file is larger than " + TreeLimits.MAX_CHARS + " characters");
        }
        Map<Object, Span> spans = new IdentityHashMap<>();
        Map<Object, Map<String, Integer>> keyLines = new IdentityHashMap<>();
        Deque<Open> stack = new ArrayDeque<>();
        String key = null;
        int nodes = 0;
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                int line = line(p.currentTokenLocation());
                if (t == JsonToken.FIELD_NAME) {
                    key = p.currentName();
                    Open top = stack.peek();
                    if (top != null) {
                        keyLines.computeIfAbsent(top.container(), c -> new java.util.HashMap<>()).put(key, line);
                    }
                    continue;
                }
                if (++nodes > TreeLimits.MAX_NODES) {
                    throw new TreeException(line, "document has more than " + TreeLimits.MAX_NODES + " values");
                }
                Object value;
                switch (t) {
                    case START_OBJECT, START_ARRAY -> {
                        Object c = t == JsonToken.START_OBJECT ? new LinkedHashMap<String, Object>() : new ArrayList<>();
                        add(stack, key, c);
                        stack.push(new Open(c, line));
                        key = null;
                        continue;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        Open o = stack.pop();
                        Span span = new Span(o.line(), Math.max(o.line(), line));
                        spans.put(o.container(), span);
                        if (stack.isEmpty()) {
                            expectEnd(p);
                            return new SourceTree(o.container(), span, spans, keyLines);
                        }
                        continue;
                    }
                    case VALUE_STRING -> value = p.getText();
                    case VALUE_NUMBER_INT -> value = p.getNumberValue();
                    case VALUE_NUMBER_FLOAT -> value = p.getDoubleValue();
                    case VALUE_TRUE -> value = Boolean.TRUE;
                    case VALUE_FALSE -> value = Boolean.FALSE;
                    case VALUE_NULL -> value = null;
                    default -> throw new TreeException(line, "unexpected JSON token " + t);
                }
                if (stack.isEmpty()) {
                    expectEnd(p);
                    return new SourceTree(value, new Span(line, line), spans, keyLines);
                }
                add(stack, key, value);
                key = null;
            }
            throw new TreeException(1, "no JSON value");
        } catch (JsonProcessingException e) {
            throw new TreeException(line(e.getLocation()), firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new TreeException(0, "cannot read JSON: " + e.getMessage());
        } catch (RuntimeException parserBug) {
            throw new TreeException(0, "JSON reader failed: " + parserBug.getClass().getSimpleName());
        }
    }

    @SuppressWarnings("unchecked")
    private static void add(Deque<Open> stack, String key, Object value) {
        Open top = stack.peek();
        if (top == null) {
            return;
        }
        if (top.container() instanceof Map<?, ?> m) {
            Map<String, Object> map = (Map<String, Object>) m;
            map.remove(key);
            map.put(key, value);
        } else {
            ((List<Object>) top.container()).add(value);
        }
    }

    private static void expectEnd(JsonParser p) throws IOException, TreeException {
        JsonToken after = p.nextToken();
        if (after != null) {
            throw new TreeException(line(p.currentTokenLocation()), "more content after the JSON value");
        }
    }

    private static int line(JsonLocation l) {
        return l == null ? 0 : Math.max(0, l.getLineNr());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "JSON syntax error";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
