package dev.cloudwarden.engine.behavior;

/**
 * An exponentially weighted mean and variance of a series of bucket totals (state value: plain data). The first
 * buckets are averaged equally (weight 1/n) until that weight falls to 2/(horizon+1); from then on older buckets
 * fade. The variance is the weighted one (West's incremental form), so it follows the mean without a second pass.
 *
 * @param buckets how many buckets were folded in
 */
public record Baseline(long buckets, double mean, double variance) {
    public static final Baseline EMPTY = new Baseline(0, 0, 0);

    /** Adds one bucket's total. */
    public Baseline fold(double x, int horizon) {
        long n = buckets + 1;
        double alpha = Math.max(1.0 / n, 2.0 / (horizon + 1));
        double diff = x - mean;
        double step = alpha * diff;
        return new Baseline(n, mean + step, (1 - alpha) * (variance + diff * step));
    }

    /** Adds {@code count} empty buckets (at most {@code 4 * horizon}: after that many the zeros have taken over). */
    public Baseline foldZeros(long count, int horizon) {
        Baseline b = this;
        for (long i = 0, n = Math.min(count, 4L * horizon); i < n; i++) {
            b = b.fold(0, horizon);
        }
        return b;
    }

    public double sd() {
        return Math.sqrt(Math.max(variance, 0));
    }

    /** The total above which a bucket is abnormal (see {@link VolumeConfig}). */
    public double threshold(VolumeConfig c) {
        double deviation = Math.max(sd(), c.minSigmaFraction() * mean);
        return Math.max(c.floorBytes(), mean + c.sigmas() * deviation);
    }
}
