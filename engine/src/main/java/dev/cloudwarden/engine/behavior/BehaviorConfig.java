package dev.cloudwarden.engine.behavior;

import java.time.Duration;
import java.util.Objects;

/**
 * Every behavioral detector's settings, with defaults in {@link #defaults()} (each config's javadoc says why).
 *
 * @param enabled          false runs no detector at all
 * @param pairVolume       T4: bytes between two networks
 * @param principalDownload A2: bytes a principal downloads from S3
 * @param storageC2        M6: first-seen storage APIs and beacons
 * @param vhostBurst       A4: new virtual hosts on one server
 * @param idleExpiry       a key with no event for this long is forgotten (its baseline relearned if it returns):
 *                         state stays bounded by the keys active within it. A week keeps a weekly job's key.
 */
public record BehaviorConfig(boolean enabled, VolumeConfig pairVolume, VolumeConfig principalDownload,
                             StorageC2Config storageC2, VhostBurstConfig vhostBurst, Duration idleExpiry) {
    public BehaviorConfig {
        Objects.requireNonNull(pairVolume, "pairVolume");
        Objects.requireNonNull(principalDownload, "principalDownload");
        Objects.requireNonNull(storageC2, "storageC2");
        Objects.requireNonNull(vhostBurst, "vhostBurst");
        DetectorConfig.positive(idleExpiry, "idleExpiry");
    }

    public static BehaviorConfig defaults() {
        return new BehaviorConfig(true, VolumeConfig.pairDefaults(), VolumeConfig.principalDefaults(),
                StorageC2Config.defaults(), VhostBurstConfig.defaults(), Duration.ofDays(7));
    }

    /** No behavioral detection (Sigma rules only). */
    public static BehaviorConfig disabled() {
        return defaults().withEnabled(false);
    }

    public BehaviorConfig withEnabled(boolean value) {
        return new BehaviorConfig(value, pairVolume, principalDownload, storageC2, vhostBurst, idleExpiry);
    }

    public BehaviorConfig withPairVolume(VolumeConfig value) {
        return new BehaviorConfig(enabled, value, principalDownload, storageC2, vhostBurst, idleExpiry);
    }

    public BehaviorConfig withPrincipalDownload(VolumeConfig value) {
        return new BehaviorConfig(enabled, pairVolume, value, storageC2, vhostBurst, idleExpiry);
    }

    public BehaviorConfig withStorageC2(StorageC2Config value) {
        return new BehaviorConfig(enabled, pairVolume, principalDownload, value, vhostBurst, idleExpiry);
    }

    public BehaviorConfig withVhostBurst(VhostBurstConfig value) {
        return new BehaviorConfig(enabled, pairVolume, principalDownload, storageC2, value, idleExpiry);
    }

    public BehaviorConfig withIdleExpiry(Duration value) {
        return new BehaviorConfig(enabled, pairVolume, principalDownload, storageC2, vhostBurst, value);
    }
}
