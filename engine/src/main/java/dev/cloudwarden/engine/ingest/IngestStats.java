package dev.cloudwarden.engine.ingest;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.event.SourceType;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** Counts what a sink saw, then passes everything on. The summary of {@code cloudwarden events} comes from here. */
public final class IngestStats implements IngestSink {
    private final IngestSink next;
    private final Map<SourceType, Long> eventsBySource = new EnumMap<>(SourceType.class);
    private final Map<String, Long> skippedByReason = new TreeMap<>();
    private long events;
    private long timeInferred;
    private long rejected;
    private long skipped;
    private long inputs;

    public IngestStats(IngestSink next) {
        this.next = next;
    }

    @Override
    public void onEvent(Event event) {
        events++;
        if (event.timeInferred()) {
            timeInferred++;
        }
        eventsBySource.merge(event.source(), 1L, Long::sum);
        next.onEvent(event);
    }

    @Override
    public void onRejected(Rejection rejection) {
        rejected++;
        next.onRejected(rejection);
    }

    @Override
    public void onSkipped(Origin origin, String reason) {
        skipped++;
        skippedByReason.merge(reason, 1L, Long::sum);
        next.onSkipped(origin, reason);
    }

    @Override
    public void onInputStart(String input, String format, SourceType source) {
        inputs++;
        next.onInputStart(input, format, source);
    }

    @Override
    public void onBytesRead(long total) {
        next.onBytesRead(total);
    }

    public long events() {
        return events;
    }

    /** Events whose record had no usable time of its own (see {@link dev.cloudwarden.engine.event.TimeBasis}). */
    public long timeInferred() {
        return timeInferred;
    }

    public long rejected() {
        return rejected;
    }

    public long skipped() {
        return skipped;
    }

    public long inputs() {
        return inputs;
    }

    /** Lines and records read: every one is an event, a rejection or a skip. */
    public long units() {
        return events + rejected + skipped;
    }

    public Map<SourceType, Long> eventsBySource() {
        return Map.copyOf(eventsBySource);
    }

    public Map<String, Long> skippedByReason() {
        return Map.copyOf(skippedByReason);
    }
}
