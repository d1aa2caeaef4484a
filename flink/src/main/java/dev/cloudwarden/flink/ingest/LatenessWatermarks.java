package dev.cloudwarden.flink.ingest;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

import java.time.Duration;

/**
 * The CLI's watermark for one partition: the latest event time read, less the allowed lateness and 1 ms (as
 * {@code BoundedLateness}). Flink's bounded-out-of-orderness generator emits only every auto-watermark interval
 * (200 ms of wall time), so how late an event is would depend on how fast it was read: a replay read in one burst
 * would find nothing late. This one also emits as events come, once the watermark has moved by {@link #STEP} of event
 * time, so lateness is decided by event time, as in the CLI, give or take a step, at the cost of one watermark per
 * step of event time rather than one per event.
 */
public final class LatenessWatermarks<T> implements WatermarkGenerator<T> {
    /** Event time the watermark moves by before it is emitted with an event. */
    static final long STEP = Duration.ofSeconds(1).toMillis();

    private final long latenessMillis;
    private long maxSeen = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;

    public LatenessWatermarks(Duration allowedLateness) {
        this.latenessMillis = allowedLateness.toMillis();
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        maxSeen = Math.max(maxSeen, eventTimestamp);
        long wm = watermark();
        if (wm >= emitted + STEP || emitted == Long.MIN_VALUE && wm > emitted) {
            emit(wm, output);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long wm = watermark();
        if (wm > emitted) {
            emit(wm, output);
        }
    }

    private void emit(long wm, WatermarkOutput output) {
        emitted = wm;
        output.emitWatermark(new Watermark(wm));
    }

    private long watermark() {
        return maxSeen <= Long.MIN_VALUE + latenessMillis + 1 ? Long.MIN_VALUE : maxSeen - latenessMillis - 1;
    }
}
