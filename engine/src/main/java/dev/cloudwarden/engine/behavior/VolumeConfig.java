package dev.cloudwarden.engine.behavior;

import java.time.Duration;

/**
 * A volume baseline: bytes per key per {@code bucket}, learned as an exponentially weighted mean and variance
 * (hours without traffic count as zero). A closed bucket alerts when, after {@code learning}, it exceeds both
 * <pre>  mean + sigmas * max(sd, minSigmaFraction * mean)   and   floorBytes</pre>
 * The relative floor on the deviation keeps a very steady series (a replication job moving the same amount every
 * hour, sd near 0) from alerting on ordinary wobble; the absolute floor keeps small keys (a few megabytes an
 * hour, where a single larger file is many sigmas) quiet. An alerting bucket is folded into the baseline clipped
 * at the threshold, so one spike does not teach the baseline that spikes are normal, while a lasting change is
 * still learned within a few {@code horizon}s.
 *
 * @param bucket           aggregation period (THREATS.md T4 and A2 speak of bytes per hour)
 * @param learning         per key, from its first bucket
 * @param sigmas           deviations above the mean that count as abnormal
 * @param minSigmaFraction lower bound of the deviation used, as a fraction of the mean
 * @param floorBytes       a bucket below this never alerts
 * @param horizon          buckets the weighted mean mostly remembers (weight 2/(horizon+1)); the first buckets
 *                         are averaged equally, so a young baseline is a plain mean
 * @param evidence         how many of a bucket's largest events an alert carries
 */
public record VolumeConfig(Duration bucket, Duration learning, double sigmas, double minSigmaFraction, long floorBytes,
                           int horizon, int evidence) implements DetectorConfig {
    public VolumeConfig {
        DetectorConfig.positive(bucket, "bucket");
        DetectorConfig.notNegative(learning, "learning");
        if (!(sigmas > 0) || !(minSigmaFraction >= 0) || floorBytes < 0 || horizon < 1 || evidence < 1) {
            throw new IllegalArgumentException("sigmas > 0, minSigmaFraction >= 0, floorBytes >= 0, horizon >= 1 and "
                    + "evidence >= 1 are required: " + sigmas + ", " + minSigmaFraction + ", " + floorBytes + ", "
                    + horizon + ", " + evidence);
        }
    }

    /**
     * T4 defaults: hourly buckets, four hours of learning, 6 sigmas (at least 1.5 times the mean above it), a
     * 1 GiB floor and a one-day horizon. Four hours is short for a production baseline (which should see a week's
     * cycle; raise {@code learning} for a long-running stream), but lets a first scan of a day of logs judge its
     * afternoon by its morning; the floor and the 6-sigma bound carry the load while the baseline is young.
     * 1 GiB an hour between two networks is more than replication or API traffic between partners usually moves
     * and less than any bulk theft worth the name.
     */
    public static VolumeConfig pairDefaults() {
        return new VolumeConfig(Duration.ofHours(1), Duration.ofHours(4), 6.0, 0.25, 1L << 30, 24, 5);
    }

    /**
     * A2 defaults: as for T4 (a principal's downloads are as bursty as a network pair's), with the same 1 GiB an
     * hour floor: routine S3 reads by applications run to hundreds of megabytes an hour, and a theft that stays
     * under a gigabyte an hour is left to the signature rules (snapshot sharing, new access keys).
     */
    public static VolumeConfig principalDefaults() {
        return new VolumeConfig(Duration.ofHours(1), Duration.ofHours(4), 6.0, 0.25, 1L << 30, 24, 5);
    }

    public VolumeConfig withLearning(Duration value) {
        return new VolumeConfig(bucket, value, sigmas, minSigmaFraction, floorBytes, horizon, evidence);
    }

    public VolumeConfig withFloorBytes(long value) {
        return new VolumeConfig(bucket, learning, sigmas, minSigmaFraction, value, horizon, evidence);
    }

    public VolumeConfig withSigmas(double value) {
        return new VolumeConfig(bucket, learning, value, minSigmaFraction, floorBytes, horizon, evidence);
    }
}
