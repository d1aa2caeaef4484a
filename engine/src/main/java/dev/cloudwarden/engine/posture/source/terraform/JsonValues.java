package dev.cloudwarden.engine.posture.source.terraform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.cloudwarden.engine.event.Json;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code jsonencode} and {@code jsondecode} as Terraform does them: object keys sorted, HTML characters escaped. */
final class JsonValues {
    private static final int MAX_DEPTH = 100;

    private JsonValues() {
    }

    static String encode(Object v) {
        StringBuilder out = new StringBuilder();
        encode(v, out, 0);
        return out.toString();
    }

    private static void encode(Object v, StringBuilder out, int depth) {
        if (depth > MAX_DEPTH) {
            throw new EvalException("value nested too deeply to encode");
        }
        if (out.length() > Budget.MAX_STRING) {
            throw new EvalException("encoded value too large");
        }
        v = Values.known(v);
        if (v == null) {
            out.append("null");
        } else if (v instanceof String s) {
            string(s, out);
        } else if (v instanceof BigDecimal n) {
            out.append(Values.numberText(n));
        } else if (v instanceof Boolean b) {
            out.append(b);
        } else if (v instanceof List<?> l) {
            out.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                encode(l.get(i), out, depth + 1);
            }
            out.append(']');
        } else if (v instanceof Map<?, ?> m) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(String.valueOf(e.getKey()), out);
                out.append(':');
                encode(e.getValue(), out, depth + 1);
            }
            out.append('}');
        } else {
            throw new EvalException("cannot encode a " + Values.typeName(v));
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    static Object decode(String text) {
        try (JsonParser p = Json.factory(MAX_DEPTH).createParser(text)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new EvalException("jsondecode() of an empty string");
            }
            Object v = read(p, t);
            if (p.nextToken() != null) {
                throw new EvalException("jsondecode(): text after the JSON value");
            }
            return v;
        } catch (IOException e) {
            throw new EvalException("jsondecode(): invalid JSON: " + Values.abbreviate(String.valueOf(e.getMessage())));
        }
    }

    /** One JSON value, numbers as {@link BigDecimal}. */
    static Object read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    m.put(k, read(p, p.nextToken()));
                    Budget.checkSize(m.keySet());
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                JsonToken n;
                while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
                    l.add(read(p, n));
                    Budget.checkSize(l);
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getDecimalValue();
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
}
