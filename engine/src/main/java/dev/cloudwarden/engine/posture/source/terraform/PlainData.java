package dev.cloudwarden.engine.posture.source.terraform;

import dev.cloudwarden.engine.posture.model.Unknown;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies evaluated values into a resource's attributes with a bound on their size: evaluation shares structure, so
 * a chain of locals each doubling a list costs nothing to evaluate but would explode when copied. A value over the
 * bound becomes {@link Unknown}.
 */
final class PlainData {
    static final int MAX_NODES = 200_000;
    private static final int MAX_DEPTH = 100;

    private int remaining = MAX_NODES;

    static Map<String, Object> copyAttributes(Map<String, Object> attributes) {
        PlainData p = new PlainData();
        Map<String, Object> out = new LinkedHashMap<>();
        attributes.forEach((k, v) -> out.put(k, p.copyOrUnknown(v)));
        return out;
    }

    private Object copyOrUnknown(Object v) {
        try {
            return copy(v, 0);
        } catch (TooLarge e) {
            return Unknown.of("value too large or deep to keep");
        }
    }

    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    private Object copy(Object v, int depth) {
        if (--remaining < 0 || depth > MAX_DEPTH) {
            throw new TooLarge();
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) {
                out.add(copy(x, depth + 1));
            }
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), copy(x, depth + 1)));
            return out;
        }
        return v;
    }
}
