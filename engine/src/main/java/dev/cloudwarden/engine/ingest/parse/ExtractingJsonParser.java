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

import dev.cloudwarden.engine.event.EventBuilder;
import dev.cloudwarden.engine.event.TimeBasis;
import dev.cloudwarden.engine.ingest.time.ShipperTimes;
import dev.cloudwarden.engine.ingest.time.Timestamps;

import java.time.DateTimeException;
import java.time.Instant;

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

    /**
     * A builder of this source's event at the record's own time: {@code ownTime}, else the first of {@code more}
     * that is a time. A record without one is still an event, never a rejection: its time is inferred, from the
     * shipper's time beside it ({@link ShipperTimes}), else from the input ({@link ParseContext#referenceTime()},
     * which the reader replaces with the previous event's time when the input had one).
     */
    protected final EventBuilder builder(RawRecord raw, ParseContext context, String ownTime, String... more) {
        Instant own = Timestamps.parseLenient(ownTime);
        return own != null ? Event.builder(source, own, raw) : inferred(raw, context, more);
    }

    /** {@link #builder(RawRecord, ParseContext, String, String...)} for the usual single time field (no array to make). */
    protected final EventBuilder builder(RawRecord raw, ParseContext context, String ownTime) {
        Instant own = Timestamps.parseLenient(ownTime);
        return own != null ? Event.builder(source, own, raw) : inferred(raw, context);
    }

    private EventBuilder inferred(RawRecord raw, ParseContext context, String... more) {
        Instant own = null;
        for (int i = 0; own == null && i < more.length; i++) {
            own = Timestamps.parseLenient(more[i]);
        }
        if (own != null) {
            return Event.builder(source, own, raw);
        }
        Instant shipped = ShipperTimes.find(raw.jsonBytes());
        if (shipped != null) {
            return Event.builder(source, shipped, raw).timeBasis(TimeBasis.ENVELOPE);
        }
        return Event.builder(source, inputTime(context), raw).timeBasis(TimeBasis.INPUT);
    }

    /** The time of a record that shows none: the input's, until the reader knows a nearer one. */
    protected static Instant inputTime(ParseContext context) {
        return context.referenceTime() != null ? context.referenceTime() : Instant.EPOCH;
    }
}
