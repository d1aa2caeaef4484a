package dev.cloudwarden.app.live;

import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.ingest.IngestSink;
import dev.cloudwarden.engine.ingest.Rejection;

/**
 * Passes what an input reads to the consumer, counting it for health. While muted (rebuilding a resumed file's parser
 * state from lines already delivered before the restart) nothing passes and nothing is counted.
 */
public final class CountingSink implements IngestSink {
    private final IngestSink consumer;
    private final LiveStats stats;
    private boolean muted;

    public CountingSink(IngestSink consumer, LiveStats stats) {
        this.consumer = consumer;
        this.stats = stats;
    }

    public void muted(boolean value) {
        muted = value;
    }

    @Override
    public void onEvent(Event event) {
        if (!muted) {
            stats.event();
            consumer.onEvent(event);
        }
    }

    @Override
    public void onRejected(Rejection rejection) {
        if (!muted) {
            stats.rejected(rejection.message());
            consumer.onRejected(rejection);
        }
    }

    @Override
    public void onSkipped(Origin origin, String reason) {
        if (!muted) {
            stats.skipped();
            consumer.onSkipped(origin, reason);
        }
    }

    @Override
    public void onInputStart(String input, String format, SourceType source) {
        if (!muted) {
            consumer.onInputStart(input, format, source);
        }
    }
}
