package dev.cloudwarden.app.intel;

import dev.cloudwarden.engine.intel.FeedResult;
import dev.cloudwarden.engine.intel.feed.FeedLimits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** MISP feeds through the engine's MISP reader (placeholder until it lands). */
final class MispFeeds {
    private MispFeeds() {
    }

    static FeedResult readFolder(String name, Path dir, FeedLimits limits) throws IOException {
        throw new IOException("MISP feeds are not readable yet");
    }

    static FeedResult readJson(String name, InputStream in, FeedLimits limits) throws IOException {
        throw new IOException("MISP JSON is not readable yet");
    }
}
