package dev.cloudwarden.simulate.estate;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cloudwarden.engine.event.Json;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON objects in the order they are written, so the snapshot reads like AWS's and is the same on every run. */
final class Obj {
    private Obj() {
    }

    /** An object of alternating keys and values; a null value is written as JSON null, as AWS writes unset fields. */
    static Map<String, Object> of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must pair up");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** JSON as text: AWS gives policies, and Config a bucket's ACL, as JSON inside a string. */
    static String text(Object json) {
        try {
            return Json.MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
