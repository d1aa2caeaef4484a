package dev.cloudwarden.engine.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.parse.JsonErrors;
import dev.cloudwarden.engine.ingest.parse.JsonRecordParser;
import dev.cloudwarden.engine.ingest.parse.LineFormat;
import dev.cloudwarden.engine.ingest.parse.LineParser;
import dev.cloudwarden.engine.ingest.parse.ParseContext;
import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Routes one input's records to its parser, choosing the parser from the first record that shows
 * its source (or the forced one), and turns every outcome into exactly one sink call. A parser bug
 * (an unexpected runtime exception) rejects that record with the bug named, and reading goes on.
 */
final class RecordDispatcher {
    private final Sources sources;
    private final IngestOptions options;
    private final JsonFactory factory;
    private final ParseContext context;
    private final IngestSink sink;
    private JsonRecordParser jsonParser;
    private LineParser lineParser;
    private boolean noLineFormat;

    RecordDispatcher(Sources sources, IngestOptions options, JsonFactory factory, ParseContext context, IngestSink sink) {
        this.sources = sources;
        this.options = options;
        this.factory = factory;
        this.context = context;
        this.sink = sink;
        SourceType forced = options.forcedSource();
        if (forced != null) {
            jsonParser = sources.json(forced).orElse(null);
            sources.line(forced).ifPresent(f -> lineParser = f.open(context));
        }
    }

    IngestSink sink() {
        return sink;
    }

    /**
     * A JSON record; {@code json} becomes the event's raw record. Only the parser's failures become rejections: an
     * exception from the sink (its output failed) is the caller's and goes up unchanged.
     */
    void json(byte[] json, Origin origin) {
        JsonRecordParser parser = jsonParser;
        if (parser == null) {
            try {
                parser = detect(json);
            } catch (RecordRejectedException e) {
                sink.onRejected(new Rejection(origin, e.getMessage(), json));
                return;
            } catch (RuntimeException bug) {
                sink.onRejected(new Rejection(origin, "parser failure (please report): " + bug, json));
                return;
            }
        }
        deliver(parse(parser, json, origin), sink);
    }

    /** The JSON parser of this input once the first record (or {@code --source}) decided it; null before. */
    JsonRecordParser decidedJsonParser() {
        return jsonParser;
    }

    /**
     * Parses with a decided parser into an {@link Event} or a {@link Rejection}. Safe on any thread: JSON record
     * parsers are stateless, and this touches no state of the dispatcher ({@link ParallelJsonLines} runs it on
     * several).
     */
    Object parse(JsonRecordParser parser, byte[] json, Origin origin) {
        try {
            Event event = parser.parse(json, origin, context, factory);
            return event != null ? event : new Rejection(origin, "parser produced no event", json);
        } catch (RecordRejectedException e) {
            return new Rejection(origin, e.getMessage(), json);
        } catch (RuntimeException bug) {
            return new Rejection(origin, "parser failure (please report): " + bug, json);
        }
    }

    /** Hands a {@link #parse} outcome to {@code sink}. */
    static void deliver(Object outcome, IngestSink sink) {
        if (outcome instanceof Event event) {
            sink.onEvent(event);
        } else {
            sink.onRejected((Rejection) outcome);
        }
    }

    /** A JSON record that is known to be of {@code source} (the container says so). */
    void jsonAs(SourceType source, byte[] json, Origin origin) {
        if (jsonParser == null && options.forcedSource() == null) {
            jsonParser = sources.json(source).orElseThrow();
        }
        json(json, origin);
    }

    /** A text line; as for {@link #json}, only the parser's failures become rejections. */
    void line(String line, Origin origin) {
        Event event;
        try {
            if (lineParser == null) {
                if (noLineFormat) {
                    throw new RecordRejectedException("unrecognised log format (give --source)");
                }
                LineFormat format = sources.detectLine(line).orElse(null);
                if (format == null) {
                    noLineFormat = true; // decided on the first line, like a person would: don't guess per line
                    throw new RecordRejectedException("unrecognised log format (give --source; known: "
                            + String.join(", ", SourceType.ids()) + ")");
                }
                lineParser = format.open(context);
            }
            event = lineParser.parse(line, origin);
        } catch (RecordRejectedException e) {
            sink.onRejected(Rejection.of(origin, e.getMessage(), line));
            return;
        } catch (RuntimeException bug) {
            sink.onRejected(Rejection.of(origin, "parser failure (please report): " + bug, line));
            return;
        }
        if (event == null) {
            sink.onSkipped(origin, "format header");
        } else {
            sink.onEvent(event);
        }
    }

    private JsonRecordParser detect(byte[] json) throws RecordRejectedException {
        JsonNode tree;
        try (var p = factory.createParser(json)) {
            tree = Json.MAPPER.readTree(p);
            if (p.nextToken() != null) {
                throw new RecordRejectedException("unexpected content after the JSON object");
            }
        } catch (IOException e) {
            throw JsonErrors.rejection(e);
        }
        if (tree == null || !tree.isObject()) {
            throw new RecordRejectedException("expected a JSON object, found "
                    + (tree == null ? "nothing" : tree.getNodeType().name().toLowerCase()) + ": "
                    + abbreviate(new String(json, StandardCharsets.UTF_8)));
        }
        jsonParser = sources.detectJson(tree)
                .orElseThrow(() -> new RecordRejectedException("unrecognised JSON record (give --source)"))
                .parser();
        return jsonParser;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
