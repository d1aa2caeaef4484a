package dev.cloudwarden.engine.ingest.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.ingest.json.ExtractedFields;
import dev.cloudwarden.engine.ingest.json.JsonFieldExtractor;

import java.io.IOException;
import java.time.DateTimeException;

/**
 * Base for JSON parsers: one streaming pass pulls the fields the event model needs (see
 * {@link JsonFieldExtractor}), then the subclass maps them. The record's bytes become the event's raw
 * record, parsed further only if a rule asks for other fields.
 */
public abstract class ExtractingJsonParser implements JsonRecordParser {

    /** The paths this source's normalization reads. */
    protected abstract JsonFieldExtractor extractor();

    /** Maps the extracted fields to an event. Throw {@link RecordRejectedException} for records that are not of this source. */
    protected abstract Event build(ExtractedFields fields, RawRecord raw, Origin origin, ParseContext context)
            throws RecordRejectedException;

    @Override
    public final Event parse(byte[] json, Origin origin, ParseContext context, JsonFactory factory)
            throws RecordRejectedException {
        if (!factory.isEnabled(JsonFactory.Feature.INTERN_FIELD_NAMES)) {
            throw new IllegalArgumentException("JSON factory must intern field names; use Json.factory(...)");
        }
        ExtractedFields fields;
        try (JsonParser parser = factory.createParser(json)) {
            fields = extractor().extract(parser);
            if (parser.nextToken() != null) {
                throw new RecordRejectedException("unexpected content after the JSON object at column "
                        + parser.currentTokenLocation().getColumnNr());
            }
        } catch (IOException e) {
            throw JsonErrors.rejection(e);
        }
        try {
            return build(fields, RawRecord.ofJson(json), origin, context);
        } catch (DateTimeException e) {
            throw new RecordRejectedException(e.getMessage());
        }
    }

    /** The value, or a rejection saying which required field is missing. */
    protected static String required(ExtractedFields fields, int slot, String name) throws RecordRejectedException {
        String v = fields.get(slot);
        if (v == null || v.isEmpty()) {
            throw new RecordRejectedException(name + " missing");
        }
        return v;
    }
}
