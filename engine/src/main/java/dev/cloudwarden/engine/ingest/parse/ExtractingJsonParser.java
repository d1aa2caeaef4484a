package dev.cloudwarden.engine.ingest.parse;

import com.fasterxml.jackson.core.JsonFactory;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.event.RawRecord;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.json.ExtractedFields;
import dev.cloudwarden.engine.ingest.json.JsonFieldExtractor;
import dev.cloudwarden.engine.ingest.json.JsonScanException;
import dev.cloudwarden.engine.ingest.json.ReadAhead;

import java.time.DateTimeException;

/**
 * Base for JSON parsers: one validating pass pulls the fields the event model needs (see
 * {@link JsonFieldExtractor}), then the subclass maps them. The record's bytes become the event's raw
 * record, parsed further only if a rule asks for other fields.
 */
public abstract class ExtractingJsonParser implements JsonRecordParser {
    private final SourceType source;
    private final JsonFieldExtractor extractor;
    /** The last read-ahead seen and the extractor extended with it (one scan reads both). */
    private volatile Extended extended;

    private record Extended(ReadAhead readAhead, ReadAhead.Extractor extractor) {
    }

    /**
     * @param source    the source this parser reads
     * @param extractor the paths its normalization reads
     */
    protected ExtractingJsonParser(SourceType source, JsonFieldExtractor extractor) {
        this.source = source;
        this.extractor = extractor;
    }

    @Override
    public final SourceType source() {
        return source;
    }

    /** Maps the extracted fields to an event. Throw {@link RecordRejectedException} for records that are not of this source. */
    protected abstract Event build(ExtractedFields fields, RawRecord raw, Origin origin, ParseContext context)
            throws RecordRejectedException;

    @Override
    public final Event parse(byte[] json, Origin origin, ParseContext context, JsonFactory factory)
            throws RecordRejectedException {
        ReadAhead readAhead = context.readAhead();
        ReadAhead.Extractor ahead = null;
        if (readAhead != null && !readAhead.isEmpty()) {
            Extended e = extended;
            if (e == null || e.readAhead() != readAhead) {
                e = new Extended(readAhead, readAhead.extend(extractor));
                extended = e;
            }
            ahead = e.extractor();
        }
        ExtractedFields fields;
        try {
            fields = (ahead == null ? extractor : ahead.extractor())
                    .extract(json, factory.streamReadConstraints().getMaxNestingDepth());
        } catch (JsonScanException e) {
            throw new RecordRejectedException(e.reason());
        }
        RawRecord raw = RawRecord.ofJson(json);
        if (ahead != null) {
            raw.cache(ahead.cache(fields));
        }
        try {
            return build(fields, raw, origin, context);
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
