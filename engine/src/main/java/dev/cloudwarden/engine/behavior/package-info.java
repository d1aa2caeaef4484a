/**
 * Behavioral detectors: what Sigma rules cannot express, because it needs a learned notion of normal
 * (THREATS.md T4, A2, A4, M6).
 *
 * <ul>
 *   <li>{@link dev.cloudwarden.engine.behavior.PairVolume} (T4): bytes per hour between two networks against
 *       the pair's baseline.</li>
 *   <li>{@link dev.cloudwarden.engine.behavior.PrincipalDownload} (A2): bytes per hour a principal downloads
 *       from S3 against its baseline.</li>
 *   <li>{@link dev.cloudwarden.engine.behavior.VhostBurstDetector} (A4): many new virtual hosts on one server.</li>
 *   <li>{@link dev.cloudwarden.engine.behavior.StorageC2Detector} (M6): a storage API a server never used, and
 *       regular beacons to it.</li>
 * </ul>
 *
 * <p>Each detector is a {@link dev.cloudwarden.engine.state.KeyedProcessor} with a key extractor
 * ({@link dev.cloudwarden.engine.behavior.BehaviorDetector}), on event time, with all its state behind the
 * keyed-state interface, so a Flink job can run it on keyed state. Every key learns first: nothing alerts for a
 * key before its learning period (from its first event) has passed. State is bounded: keys idle for
 * {@link dev.cloudwarden.engine.behavior.BehaviorConfig#idleExpiry()} are dropped by timers, and per-key maps
 * are capped. {@link dev.cloudwarden.engine.behavior.BehaviorEngine} runs them locally; the
 * {@link dev.cloudwarden.engine.sigma.DetectionPipeline} runs it beside the Sigma rules by default.
 * Settings and the reasons for their defaults: {@link dev.cloudwarden.engine.behavior.BehaviorConfig}.
 */
package dev.cloudwarden.engine.behavior;
