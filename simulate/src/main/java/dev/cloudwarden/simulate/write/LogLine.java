package dev.cloudwarden.simulate.write;

import java.time.Instant;

/**
 * One generated line: where it goes, when it happened (lines are written in time order), its text, and
 * the scenario it belongs to (null for background traffic).
 */
public record LogLine(LogKind kind, Instant time, String text, String scenario) {
}
