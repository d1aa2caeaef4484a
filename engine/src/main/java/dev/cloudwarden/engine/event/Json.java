package dev.cloudwarden.engine.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The engine's shared JSON machinery. Jackson factories and mappers are thread-safe once configured,
 * so one of each serves every parser; nothing here changes after class initialisation.
 */
public final class Json {
    /** The deepest nesting any ingest limit may allow; the shared mapper accepts up to this. */
    public static final int MAX_DEPTH = 1000;

    /** Default nesting limit for ingest: far deeper than any real log record, shallow enough for the stack. */
    public static final int DEFAULT_DEPTH = 100;

    public static final JsonFactory FACTORY = factory(MAX_DEPTH);

    public static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY).build();

    /** A factory whose parsers reject nesting deeper than {@code maxDepth} with a clear message. */
    public static JsonFactory factory(int maxDepth) {
        if (maxDepth < 1 || maxDepth > MAX_DEPTH) {
            throw new IllegalArgumentException("JSON depth limit must be 1.." + MAX_DEPTH + ", got " + maxDepth);
        }
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth)
                        .maxStringLength(Integer.MAX_VALUE)
                        .build())
                .build();
    }

    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }
}
