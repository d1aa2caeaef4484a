package dev.cloudwarden.engine.behavior;

import java.time.Duration;

/**
 * The settings of one behavioral detector. Every detector first learns what is normal for each key (a pair of
 * networks, a principal, a host, a server) and stays silent for that key until its learning period has passed,
 * counted from the key's first event.
 */
public sealed interface DetectorConfig permits VolumeConfig, StorageC2Config, VhostBurstConfig {
    /** How long a key is watched before it may alert. */
    Duration learning();

    /** Shared checks of the compact constructors. */
    static Duration positive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
        }
        return d;
    }

    static Duration notNegative(Duration d, String name) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + d);
        }
        return d;
    }
}
