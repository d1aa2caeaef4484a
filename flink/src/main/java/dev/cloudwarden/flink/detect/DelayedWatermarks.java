package dev.cloudwarden.flink.detect;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Passes elements on and holds the watermark back by a fixed delay. Grouping and incidents take alerts in event-time
 * order, but a behavioral detector dates an alert up to its {@code alertDelay} before the watermark that released it
 * (an hour's bucket is judged at its end, the alert dated at its start); behind this operator such an alert is still
 * ahead of the watermark, exactly as the CLI's run holds its alert watermark back. The end of input (the maximum
 * watermark) passes unchanged.
 */
public final class DelayedWatermarks<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {
    private final long delayMillis;

    public DelayedWatermarks(long delayMillis) {
        this.delayMillis = delayMillis;
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        long t = mark.getTimestamp();
        super.processWatermark(t == Long.MAX_VALUE || t == Long.MIN_VALUE || delayMillis == 0
                ? mark : new Watermark(t < Long.MIN_VALUE + 1 + delayMillis ? Long.MIN_VALUE + 1 : t - delayMillis));
    }
}
