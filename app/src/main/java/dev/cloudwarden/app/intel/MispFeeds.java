package dev.cloudwarden.app.intel;

import dev.cloudwarden.app.intel.taxii.TaxiiClient;
import dev.cloudwarden.app.intel.taxii.TaxiiException;
import dev.cloudwarden.engine.intel.FeedProblem;
import dev.cloudwarden.engine.intel.FeedResult;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.feed.FeedLimits;
import dev.cloudwarden.engine.intel.feed.MispManifest;
import dev.cloudwarden.engine.intel.feed.MispReader;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * MISP feeds, a folder or URL holding {@code manifest.json} and one {@code <uuid>.json} per event: the manifest
 * is read, the events changed since the feed's cursor (the latest manifest timestamp of the last complete import)
 * are fetched and read by the engine's {@link MispReader}. An event that is missing or unreadable is a problem,
 * and the cursor then stays where it was so that the next import tries it again.
 */
final class MispFeeds {
    /** A feed read: the indicators and problems of every event, and the cursor for the next import. */
    record Read(FeedResult result, String cursor, int events) {
    }

    /** Where the feed's files come from. */
    private interface Files2 {
        InputStream open(String file) throws IOException;

        String where(String file);
    }

    private MispFeeds() {
    }

    static boolean isFeedUrl(URI uri) {
        String p = uri.getPath() == null ? "" : uri.getPath();
        return p.endsWith("/") || p.endsWith("/manifest.json");
    }

    static Read readFolder(String name, Path dir, FeedLimits limits, String cursor) throws IOException {
        return read(name, new Files2() {
            @Override
            public InputStream open(String file) throws IOException {
                return new BufferedInputStream(Files.newInputStream(dir.resolve(file)), 1 << 16);
            }

            @Override
            public String where(String file) {
                return dir.resolve(file).toString();
            }
        }, limits, cursor);
    }

    static Read readUrl(String name, URI uri, TaxiiClient client, FeedLimits limits, String cursor) throws IOException {
        String s = uri.toString();
        URI base = URI.create(s.endsWith("/manifest.json") ? s.substring(0, s.length() - "manifest.json".length()) : s);
        return read(name, new Files2() {
            @Override
            public InputStream open(String file) throws TaxiiException {
                return new ByteArrayInputStream(client.download(base.resolve(file)));
            }

            @Override
            public String where(String file) {
                return base.resolve(file).toString();
            }
        }, limits, cursor);
    }

    private static Read read(String name, Files2 files, FeedLimits limits, String cursor) throws IOException {
        MispManifest manifest;
        try (InputStream in = files.open("manifest.json")) {
            manifest = MispManifest.read(files.where("manifest.json"), in, limits);
        }
        Instant since = cursor == null ? null : Instant.parse(cursor);
        MispReader reader = new MispReader(limits);
        List<Indicator> indicators = new ArrayList<>();
        List<FeedProblem> problems = new ArrayList<>(manifest.problems());
        Map<String, Integer> skipped = new TreeMap<>();
        int skippedCount = 0;
        boolean complete = true;
        Instant latest = since;
        int events = 0;
        for (MispManifest.Entry e : manifest.changedSince(since)) {
            String file = MispManifest.eventFile(e.uuid());
            FeedResult r;
            try (InputStream in = files.open(file)) {
                r = reader.read(name, in);
            } catch (IOException ex) {
                problems.add(new FeedProblem(files.where(file), "the manifest lists event " + e.uuid()
                        + " but " + (ex instanceof java.nio.file.NoSuchFileException ? "its file is missing"
                        : "it cannot be read: " + ex.getMessage())));
                complete = false;
                continue;
            }
            events++;
            indicators.addAll(r.indicators());
            problems.addAll(r.problems());
            skippedCount += r.skipped();
            r.skippedByReason().forEach((k, v) -> skipped.merge(k, v, Integer::sum));
            if (e.timestamp() != null && (latest == null || e.timestamp().isAfter(latest))) {
                latest = e.timestamp();
            }
        }
        String next = complete ? (latest == null ? null : latest.toString()) : cursor;
        return new Read(new FeedResult(name, indicators, problems, skippedCount, skipped), next, events);
    }
}
