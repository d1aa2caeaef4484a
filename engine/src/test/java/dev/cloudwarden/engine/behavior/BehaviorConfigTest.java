package dev.cloudwarden.engine.behavior;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BehaviorConfigTest {
    @Test
    void defaultsAreOnWithEveryDetectorLearningFirst() {
        BehaviorConfig c = BehaviorConfig.defaults();
        assertThat(c.enabled()).isTrue();
        assertThat(java.util.List.<DetectorConfig>of(c.pairVolume(), c.principalDownload(), c.storageC2(), c.vhostBurst()))
                .allMatch(d -> d.learning().compareTo(Duration.ofHours(1)) >= 0);
        assertThat(c.withEnabled(false)).isEqualTo(BehaviorConfig.disabled());
    }

    @Test
    void badSettingsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> VolumeConfig.pairDefaults().withLearning(Duration.ofHours(-1)))
                .hasMessage("learning must not be negative, was PT-1H");
        assertThatThrownBy(() -> new VhostBurstConfig(Duration.ZERO, Duration.ZERO, 5, 10, 1))
                .hasMessage("window must be a positive duration, was PT0S");
        assertThatThrownBy(() -> VolumeConfig.pairDefaults().withSigmas(0)).hasMessageContaining("sigmas > 0");
        assertThatThrownBy(() -> BehaviorConfig.defaults().withIdleExpiry(Duration.ZERO)).hasMessageContaining("idleExpiry");
    }

    @Test
    void titlesSaySizesAndPeriodsPlainly() {
        assertThat(Units.human(999)).isEqualTo("999 B");
        assertThat(Units.human(16_800_000_000L)).isEqualTo("16.8 GB");
        assertThat(Units.duration(3_600_000)).isEqualTo("1h");
        assertThat(Units.duration(80_000_000)).isEqualTo("22h");
        assertThat(Units.duration(90_000)).isEqualTo("1m");
    }
}
