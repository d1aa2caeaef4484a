package dev.cloudwarden.app.intel;

import dev.cloudwarden.engine.intel.FeedResult;
import dev.cloudwarden.engine.intel.feed.FeedLimits;

import java.io.IOException;
import java.io.InputStream;

/** CSV and plain lists through the engine's list reader (placeholder until it lands). */
final class ListFeeds {
    private ListFeeds() {
    }

    static FeedResult readCsv(String name, InputStream in, FeedLimits limits) throws IOException {
        throw new IOException("CSV lists are not readable yet");
    }

    static FeedResult readList(String name, InputStream in, FeedLimits limits) throws IOException {
        throw new IOException("plain lists are not readable yet");
    }
}
