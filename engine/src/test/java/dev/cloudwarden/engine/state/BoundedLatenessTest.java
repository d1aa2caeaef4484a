package dev.cloudwarden.engine.state;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedLatenessTest {
    @Test
    void theWatermarkTrailsTheLatestTimeByTheLatenessAndAMillisecond() {
        BoundedLateness w = new BoundedLateness(Duration.ofSeconds(10));
        assertThat(w.watermark()).isEqualTo(Long.MIN_VALUE);
        assertThat(w.observe(100_000)).isEqualTo(89_999);
        assertThat(w.observe(50_000)).as("an earlier time does not move it back").isEqualTo(89_999);
        assertThat(w.observe(200_000)).isEqualTo(189_999);
    }

    @Test
    void extremeLatenessesDoNotOverflow() {
        assertThat(new BoundedLateness(Duration.ofSeconds(Long.MAX_VALUE)).observe(1_700_000_000_000L))
                .as("before any time an event could have").isEqualTo(1_700_000_000_000L - Long.MAX_VALUE - 1).isNegative();
        assertThat(new BoundedLateness(Duration.ZERO).observe(-5)).isEqualTo(-6);
        assertThatThrownBy(() -> new BoundedLateness(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be negative");
    }
}
