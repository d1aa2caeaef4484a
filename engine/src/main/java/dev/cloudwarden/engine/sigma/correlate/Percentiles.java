package dev.cloudwarden.engine.sigma.correlate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Percentiles with linear interpolation between closest ranks (the "inclusive" definition of spreadsheets
 * and numpy's default), so the 50th percentile is the median: the mean of the middle two for an even count.
 */
final class Percentiles {
    private Percentiles() {
    }

    /** The {@code p}-th percentile (0..100, clamped) of {@code values}; NaN when there are none. */
    static double of(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double rank = Math.max(0, Math.min(100, p)) / 100.0 * (sorted.size() - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted.get(lo) + (rank - lo) * (sorted.get(hi) - sorted.get(lo));
    }
}
