package dev.cloudwarden.engine.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.engine.event.Json;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.parse.JsonErrors;
import dev.cloudwarden.engine.ingest.read.ContainerFormat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Streams records out of JSON documents that hold many: CloudTrail's {@code {"Records":[...]}}, top-level
 * arrays, Azure's {@code {"records":[...]}}, pretty-printed object streams and {@code lookup-events} output
 * (several such documents one after another too). Records are copied out one
 * at a time (compact), so a file is never loaded whole. A syntax error inside the document ends it:
 * past that point record boundaries cannot be trusted, and the error says so.
 */
final class JsonContainerReader {
    private final String name;
    private final ContainerFormat format;
    private final IngestOptions options;
    private final JsonFactory factory;
    private final RecordDispatcher dispatcher;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream(4096);
    private long index;
    private long line = 1;

    JsonContainerReader(String name, ContainerFormat format, IngestOptions options, JsonFactory factory,
                        RecordDispatcher dispatcher) {
        this.name = name;
        this.format = format;
        this.options = options;
        this.factory = factory;
        this.dispatcher = dispatcher;
    }

    void read(InputStream in) {
        IngestSink sink = dispatcher.sink();
        try (JsonParser p = factory.createParser(in)) {
            String field = switch (format) {
                case CLOUDTRAIL_RECORDS -> "Records";
                case AZURE_RECORDS -> "records";
                case CLOUDTRAIL_LOOKUP -> "Events";
                default -> null;
            };
            if (format == ContainerFormat.AZURE_RECORDS) {
                dispatcher.readEnveloped();
            }
            if (field == null) {
                if (format == ContainerFormat.JSON_ARRAY) {
                    expect(p.nextToken(), JsonToken.START_ARRAY, "a JSON array");
                }
                elements(p, format != ContainerFormat.JSON_STREAM);
                return;
            }
            expect(p.nextToken(), JsonToken.START_OBJECT, "a JSON object");
            enterArrayField(p, field);
            do {
                // Files joined end to end (cat of CloudTrail files, one batch per line) are documents one after another.
                elements(p, true);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    p.nextToken();
                    p.skipChildren();
                }
            } while (nextDocument(p, field));
        } catch (IOException e) {
            // index is the record being read when the error struck (it advances only after a record is done).
            Origin origin = Origin.record(name, line, index);
            sink.onRejected(Rejection.of(origin, JsonErrors.reason(e)
                    + "; the rest of this document cannot be read", null));
        }
    }

    /** Reads records up to the end of the array ({@code inArray}) or of the input. */
    private void elements(JsonParser p, boolean inArray) throws IOException {
        IngestSink sink = dispatcher.sink();
        JsonToken t;
        while ((t = p.nextToken()) != null && !(inArray && t == JsonToken.END_ARRAY)) {
            line = p.currentTokenLocation().getLineNr();
            Origin origin = Origin.record(name, line, index);
            if (t != JsonToken.START_OBJECT) {
                String found = t.isScalarValue() ? p.getText() : t.asString();
                p.skipChildren();
                sink.onRejected(Rejection.of(origin, "expected a JSON object, found '" + found + "'", found));
                index++;
                continue;
            }
            if (format == ContainerFormat.CLOUDTRAIL_LOOKUP) {
                lookupEvent(p, origin);
            } else {
                byte[] record = copyRecord(p);
                if (record.length > options.maxLineBytes()) {
                    sink.onRejected(new Rejection(origin, "record is " + record.length
                            + " bytes, over the limit of " + options.maxLineBytes(), null));
                } else {
                    dispatcher.json(record, origin);
                }
            }
            index++;
        }
    }

    /** Moves into the next document's array {@code field}; false at the end of the input. */
    private static boolean nextDocument(JsonParser p, String field) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            return false;
        }
        expect(t, JsonToken.START_OBJECT, "another document");
        enterArrayField(p, field);
        return true;
    }

    /** Moves to the first element of the array field {@code field} of the object just started, skipping other fields. */
    private static void enterArrayField(JsonParser p, String field) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals(field) && value == JsonToken.START_ARRAY) {
                return;
            }
            p.skipChildren();
        }
        throw new IOException("no \"" + field + "\" array in the document");
    }

    private static void expect(JsonToken actual, JsonToken wanted, String what) throws IOException {
        if (actual != wanted) {
            throw new IOException("expected " + what + ", found " + (actual == null ? "end of input" : actual.asString()));
        }
    }

    private byte[] copyRecord(JsonParser p) throws IOException {
        copy.reset();
        try (JsonGenerator g = factory.createGenerator(copy)) {
            g.copyCurrentStructure(p);
        }
        return copy.toByteArray();
    }

    /** One element of lookup-events output: the CloudTrail record is a JSON string inside it. */
    private void lookupEvent(JsonParser p, Origin origin) throws IOException {
        JsonNode element = Json.MAPPER.readTree(p);
        JsonNode inner = element.get("CloudTrailEvent");
        if (inner == null || !inner.isTextual()) {
            dispatcher.sink().onRejected(Rejection.of(origin, "lookup-events entry without a CloudTrailEvent string",
                    element.toString()));
            return;
        }
        dispatcher.jsonAs(SourceType.CLOUDTRAIL, inner.asText().getBytes(StandardCharsets.UTF_8), origin);
    }
}
