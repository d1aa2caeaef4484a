package dev.cloudwarden.engine.intel.feed;

import dev.cloudwarden.engine.event.Json;

/**
 * Bounds on what one feed may cost, against hostile or broken input: its size in bytes, the nesting of its JSON,
 * the length of one line (lists, CSV). Past a bound, reading stops with a problem that says which bound; what
 * was read before it is kept.
 *
 * @param maxBytes     largest feed read, in bytes
 * @param maxDepth     deepest JSON nesting (STIX and MISP objects are a few levels deep)
 * @param maxLineChars longest line of a list or CSV row, in characters
 */
public record FeedLimits(long maxBytes, int maxDepth, int maxLineChars) {
    public FeedLimits {
        if (maxBytes < 1 || maxLineChars < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        Json.factory(maxDepth); // validates the depth range
    }

    /** 512 MiB, depth 64, lines of 64 Ki characters. */
    public static FeedLimits defaults() {
        return new FeedLimits(512L << 20, 64, 64 * 1024);
    }

    public FeedLimits withMaxBytes(long bytes) {
        return new FeedLimits(bytes, maxDepth, maxLineChars);
    }

    public FeedLimits withMaxDepth(int depth) {
        return new FeedLimits(maxBytes, depth, maxLineChars);
    }

    public FeedLimits withMaxLineChars(int chars) {
        return new FeedLimits(maxBytes, maxDepth, chars);
    }
}
