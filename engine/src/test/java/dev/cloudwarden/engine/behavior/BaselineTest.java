package dev.cloudwarden.engine.behavior;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BaselineTest {
    @Test
    void aYoungBaselineIsThePlainMeanAndVariance() {
        Baseline b = Baseline.EMPTY.fold(10, 24).fold(20, 24).fold(30, 24);
        assertThat(b.buckets()).isEqualTo(3);
        assertThat(b.mean()).isCloseTo(20, within(1e-9));
        assertThat(b.variance()).isCloseTo(200.0 / 3, within(1e-9)); // population variance of 10, 20, 30
    }

    @Test
    void oldBucketsFadeOnceTheHorizonIsReached() {
        Baseline b = Baseline.EMPTY;
        for (int i = 0; i < 100; i++) {
            b = b.fold(100, 24);
        }
        for (int i = 0; i < 24; i++) {
            b = b.fold(200, 24);
        }
        assertThat(b.mean()).as("a day at the new level moves most of the way").isBetween(180.0, 200.0);
    }

    @Test
    void theThresholdIsTheLargestOfFloorSigmasAndRelativeDeviation() {
        VolumeConfig c = VolumeConfig.pairDefaults().withFloorBytes(0);
        Baseline steady = new Baseline(10, 1_000, 0);
        assertThat(steady.threshold(c)).as("sd 0: 6 x 25% of the mean above it").isEqualTo(2_500);
        Baseline noisy = new Baseline(10, 1_000, 400 * 400);
        assertThat(noisy.threshold(c)).isEqualTo(1_000 + 6 * 400);
        assertThat(noisy.threshold(VolumeConfig.pairDefaults())).isEqualTo(1L << 30);
    }

    @Test
    void emptyBucketsAreZerosUpToFourHorizons() {
        Baseline b = new Baseline(5, 100, 0).foldZeros(1_000_000, 24);
        assertThat(b.buckets()).isEqualTo(5 + 96);
        assertThat(b.mean()).isLessThan(1);
    }
}
