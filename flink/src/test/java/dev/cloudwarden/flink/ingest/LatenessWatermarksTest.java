package dev.cloudwarden.flink.ingest;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI's watermark (latest event time less the lateness and 1 ms), emitted with the events once it moved a second. */
class LatenessWatermarksTest {
    private final List<Long> emitted = new ArrayList<>();
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
        }

        @Override
        public void markActive() {
        }
    };

    @Test
    void theWatermarkTrailsTheLatestEventByTheLatenessAndMovesWithTheEvents() {
        LatenessWatermarks<String> w = new LatenessWatermarks<>(Duration.ofSeconds(10));
        w.onEvent("a", 100_000, output);      // first: emitted at once
        w.onEvent("b", 100_500, output);      // moved half a second: waits
        w.onEvent("c", 99_000, output);       // out of order: nothing moves
        w.onEvent("d", 101_000, output);      // a second on: emitted
        w.onPeriodicEmit(output);             // nothing new
        w.onEvent("e", 101_400, output);
        w.onPeriodicEmit(output);             // the rest, with the clock
        assertThat(emitted).containsExactly(89_999L, 90_999L, 91_399L);
    }

    @Test
    void nothingIsEmittedBeforeTheFirstEvent() {
        new LatenessWatermarks<String>(Duration.ofHours(1)).onPeriodicEmit(output);
        assertThat(emitted).isEmpty();
    }
}
