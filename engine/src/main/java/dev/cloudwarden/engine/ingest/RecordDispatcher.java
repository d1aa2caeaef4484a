package dev.cloudwarden.engine.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.event.TimeBasis;
import dev.cloudwarden.engine.ingest.envelope.Envelope;
import dev.cloudwarden.engine.ingest.envelope.Unwrapped;
import dev.cloudwarden.engine.ingest.parse.JsonErrors;
import dev.cloudwarden.engine.ingest.parse.JsonRecordParser;
import dev.cloudwarden.engine.ingest.parse.LineFormat;
import dev.cloudwarden.engine.ingest.parse.LineParser;
import dev.cloudwarden.engine.ingest.parse.ParseContext;
import dev.cloudwarden.engine.ingest.parse.RecordRejectedException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Routes one input's records to its parser, choosing the parser from the first record that shows
 * its source (or the forced one), and turns every outcome into exactly one sink call. A parser bug
 * (an unexpected runtime exception) rejects that record with the bug named, and reading goes on.
 *
 * <p><b>Envelopes.</b> When the first record is an {@link Envelope} (a CloudWatch Logs subscription, an Event Hubs
 * batch, a Logstash event holding the record as a string...), the input is read enveloped: every record is unwrapped
 * and each record inside finds its own source, since one envelope stream may carry several. In an input of plain
 * records, a record its parser found neither a time nor an operation in is checked for an envelope too, and for being
 * another source's record (which that source then reads). A record inside keeps
 * the line of its envelope and, when there are several, its 0-based place among them as its record index; a
 * rejection names that inner record, not the envelope.
 *
 * <p><b>Time.</b> Parsing (on any thread) gives a record without a time of its own its envelope's time, else the
 * input's ({@link TimeBasis#INPUT}). Delivery ({@link #deliver}, in input order on the reading thread) then gives
 * such an event the time of the event before it in the input, when there was one.
 */
final class RecordDispatcher {
    private final Sources sources;
    private final IngestOptions options;
    private final JsonFactory factory;
    private final ParseContext context;
    private final IngestSink sink;
    private final JsonRecordParser forcedJson;
    private JsonRecordParser jsonParser;
    private boolean enveloped;
    private boolean decided;
    private LineParser lineParser;
    private boolean noLineFormat;
    /** The time of the last event delivered whose time was not the input's, or null. */
    private Instant lastTime;

    RecordDispatcher(Sources sources, IngestOptions options, JsonFactory factory, ParseContext context, IngestSink sink) {
        this.sources = sources;
        this.options = options;
        this.factory = factory;
        this.context = context;
        this.sink = sink;
        SourceType forced = options.forcedSource();
        forcedJson = forced == null ? null : sources.json(forced).orElse(null);
        if (forced != null) {
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
        if (!decided) {
            Object first;
            try {
                first = decide(json, origin);
            } catch (RecordRejectedException e) {
                sink.onRejected(new Rejection(origin, e.getMessage(), json));
                return;
            } catch (RuntimeException bug) {
                sink.onRejected(new Rejection(origin, "parser failure (please report): " + bug, json));
                return;
            }
            if (first != null) {
                deliver(first);
                return;
            }
        }
        deliver(parse(json, origin));
    }

    /** Reads every record of this input as an envelope may be: the container says records of several kinds mix. */
    void readEnveloped() {
        if (!decided) {
            decided = true;
            enveloped = true;
        }
    }

    /** True once the first record (or {@code --source}) decided how this input's JSON records are read. */
    boolean decided() {
        return decided;
    }

    /**
     * Parses a record of a decided input into an {@link Event}, a {@link Rejection}, or for an envelope, the list of
     * outcomes of the records inside. Safe on any thread: JSON record parsers and envelopes are stateless, and this
     * touches no state of the dispatcher that changes after {@link #decided()} ({@link ParallelJsonLines} runs it on
     * several).
     */
    Object parse(byte[] json, Origin origin) {
        if (!enveloped) {
            Object outcome = parse(jsonParser, json, origin, null);
            if (outcome instanceof Event e && e.timeInferred() && e.operation().name() == null) {
                // Neither a time nor an operation its parser knows: perhaps an envelope among the input's records
                // (an export of both). Only such records pay for the look.
                try {
                    JsonNode tree = tree(json);
                    if (Envelope.of(tree) != null) {
                        return unwrap(tree, origin);
                    }
                    JsonRecordParser own = forcedJson != null ? forcedJson : parserFor(tree, null);
                    if (own != jsonParser && own.source() != SourceType.GENERIC_JSON) {
                        // another log's record among this input's (a k8s audit event in a file of CloudTrail): its own
                        // source reads it, rather than this input's parser making an empty event of it; a record no
                        // source claims stays this input's partial record
                        return parse(own, json, origin, null);
                    }
                } catch (RecordRejectedException notAnObject) {
                    // the parser read it: keep its event
                }
            }
            return outcome;
        }
        JsonNode tree;
        try {
            tree = tree(json);
        } catch (RecordRejectedException e) {
            return new Rejection(origin, e.getMessage(), json);
        }
        return Envelope.of(tree) != null ? unwrap(tree, origin) : parse(parserFor(tree, null), json, origin, null);
    }

    private Object parse(JsonRecordParser parser, byte[] json, Origin origin, Instant envelopeTime) {
        try {
            Event event = parser.parse(json, origin, context, factory);
            if (event == null) {
                return new Rejection(origin, "parser produced no event", json);
            }
            return envelopeTime != null && event.timeBasis() == TimeBasis.INPUT
                    ? event.withTime(envelopeTime, TimeBasis.ENVELOPE) : event;
        } catch (RecordRejectedException e) {
            return new Rejection(origin, e.getMessage(), json);
        } catch (RuntimeException bug) {
            return new Rejection(origin, "parser failure (please report): " + bug, json);
        }
    }

    /** The outcomes of the records inside an envelope, in order. */
    private Object unwrap(JsonNode envelope, Origin origin) {
        List<Object> outcomes = new ArrayList<>();
        Envelope.unwrap(envelope, new Unwrapped() {
            private long index;

            /** Each inner record is its envelope's record {@code index}; a lone one keeps the envelope's origin. */
            private Origin next() {
                return Origin.record(origin.input(), origin.line(), index++);
            }

            @Override
            public void json(byte[] json, JsonNode tree, Instant time, SourceType hint) {
                Origin at = next();
                JsonRecordParser parser;
                try {
                    parser = parserFor(tree, hint);
                } catch (RuntimeException bug) {
                    outcomes.add(new Rejection(at, "parser failure (please report): " + bug, json));
                    return;
                }
                outcomes.add(parse(parser, json, at, time));
            }

            @Override
            public void line(String text, Instant time) {
                outcomes.add(new PendingLine(text, next()));
            }

            @Override
            public void problem(String reason, byte[] content) {
                outcomes.add(new Rejection(next(), reason, content));
            }

            @Override
            public void skip(String reason) {
                outcomes.add(new Skip(next(), reason));
            }
        }, options.maxLineBytes());
        if (outcomes.size() == 1) {
            return withOrigin(outcomes.get(0), origin);
        }
        if (outcomes.isEmpty()) {
            return new Skip(origin, "envelope without records");
        }
        return outcomes;
    }

    /** A lone record inside an envelope is where its envelope was: the line, without an index inside it. */
    private static Object withOrigin(Object outcome, Origin origin) {
        if (outcome instanceof Event e) {
            return e.withOrigin(origin);
        }
        if (outcome instanceof Rejection r) {
            return new Rejection(origin, r.reason(), r.content());
        }
        if (outcome instanceof Skip s) {
            return new Skip(origin, s.reason());
        }
        return new PendingLine(((PendingLine) outcome).text(), origin);
    }

    private JsonRecordParser parserFor(JsonNode tree, SourceType hint) {
        if (forcedJson != null) {
            return forcedJson;
        }
        if (hint != null) {
            return sources.json(hint).orElseThrow();
        }
        return sources.detectJson(tree).orElseThrow().parser();
    }

    /**
     * Hands a {@link #parse} outcome to the sink, in input order. An event whose time is the input's takes the time
     * of the event before it, when there was one: nearer the truth than a file's modification time.
     */
    void deliver(Object outcome) {
        if (outcome instanceof Event event) {
            if (event.timeBasis() == TimeBasis.INPUT) {
                if (lastTime != null) {
                    event = event.withTime(lastTime, TimeBasis.PREVIOUS_EVENT);
                }
            } else {
                lastTime = event.time();
            }
            sink.onEvent(event);
        } else if (outcome instanceof Rejection r) {
            sink.onRejected(r);
        } else if (outcome instanceof Skip s) {
            sink.onSkipped(s.origin(), s.reason());
        } else if (outcome instanceof PendingLine l) {
            line(l.text(), l.origin());
        } else {
            for (Object o : (List<?>) outcome) {
                deliver(o);
            }
        }
    }

    /** A JSON record that is known to be of {@code source} (the container says so). */
    void jsonAs(SourceType source, byte[] json, Origin origin) {
        if (!decided && options.forcedSource() == null) {
            jsonParser = sources.json(source).orElseThrow();
            decided = true;
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
            deliver(event);
        }
    }

    /**
     * Decides from the first record how the input's JSON is read: enveloped, or by one parser (the forced one, or
     * the first source that recognizes the record). Returns that record's outcome when deciding already read it.
     */
    private Object decide(byte[] json, Origin origin) throws RecordRejectedException {
        JsonNode tree = tree(json);
        decided = true;
        if (Envelope.of(tree) != null) {
            enveloped = true;
            return unwrap(tree, origin);
        }
        jsonParser = forcedJson != null ? forcedJson : sources.detectJson(tree)
                .orElseThrow(() -> new RecordRejectedException("unrecognised JSON record (give --source)"))
                .parser();
        return null;
    }

    private JsonNode tree(byte[] json) throws RecordRejectedException {
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
        return tree;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    /** A line that carries no event by design. */
    record Skip(Origin origin, String reason) {
    }

    /** A line of text found inside an envelope: parsed at delivery, since text parsers keep state from line to line. */
    record PendingLine(String text, Origin origin) {
    }
}
