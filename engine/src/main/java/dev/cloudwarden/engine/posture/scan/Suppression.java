package dev.cloudwarden.engine.posture.scan;

import dev.cloudwarden.engine.posture.model.Location;

import java.time.LocalDate;

/**
 * Why a failing finding is accepted: from a suppressions file (with an owner's reason and an expiry) or written
 * beside the resource. Suppressed findings are still listed, as suppressed.
 *
 * @param expires the last day it holds; null for never (inline skips)
 */
public record Suppression(Source source, String reason, LocalDate expires, Location definedAt) {
    public enum Source { FILE, INLINE }
}
