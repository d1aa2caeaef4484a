package dev.cloudwarden.app.intel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudwarden.app.intel.store.IocStore;
import dev.cloudwarden.app.intel.store.StoreRecords.Feed;
import dev.cloudwarden.app.intel.store.StoreRecords.ImportCounts;
import dev.cloudwarden.app.intel.taxii.TaxiiClient;
import dev.cloudwarden.app.intel.taxii.TaxiiException;
import dev.cloudwarden.app.intel.taxii.TaxiiOptions;
import dev.cloudwarden.app.intel.taxii.TaxiiSource;
import dev.cloudwarden.engine.intel.FeedProblem;
import dev.cloudwarden.engine.intel.FeedResult;
import dev.cloudwarden.engine.intel.Indicator;
import dev.cloudwarden.engine.intel.feed.FeedLimits;
import dev.cloudwarden.engine.intel.feed.ListOptions;
import dev.cloudwarden.engine.intel.feed.ListReader;
import dev.cloudwarden.engine.intel.feed.MispReader;
import dev.cloudwarden.engine.intel.feed.StixBundleReader;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Imports sources into an {@link IocStore}: STIX bundles, MISP feeds (a folder or URL with {@code manifest.json}
 * and event files) and MISP attribute lists, CSV and plain lists, from files, folders and http(s) URLs, and TAXII
 * 2.1 collections ({@code taxii+https://host/api-root/collections/<id>}), incrementally from the cursor the store
 * keeps per feed. The engine's readers turn bytes into indicators; this class fetches, labels, stores and counts.
 * A source that cannot be read is a report with a failure, never an exception: the other sources go on.
 */
public final class IntelImporter {
    /**
     * @param format how to read sources ({@link FeedFormat#auto}: by name and content)
     * @param name   the source name to store indicators under, or null for the default (file name, URL, collection)
     * @param labels labels added to every indicator imported
     * @param now    the import time (expiry at import is judged against it)
     * @param full   read TAXII collections and MISP feeds from the start, not from the stored cursor
     * @param list   for plain lists and CSV: the type of every value (null: detected per line), confidence, expiry
     */
    public record Options(FeedFormat format, String name, List<String> labels, TaxiiOptions taxii, FeedLimits limits,
                          Instant now, boolean full, ListOptions list) {
        public Options {
            labels = List.copyOf(labels);
        }

        public static Options defaults(Instant now) {
            return new Options(FeedFormat.auto, null, List.of(), TaxiiOptions.defaults(), FeedLimits.defaults(), now, false,
                    ListOptions.defaults());
        }
    }

    private final IocStore store;
    private final Options options;
    private TaxiiClient client;

    public IntelImporter(IocStore store, Options options) {
        this.store = store;
        this.options = options;
    }

    /** Imports one source as given on the command line. */
    public ImportReport importSource(String source) {
        long start = System.nanoTime();
        try {
            var taxii = TaxiiSource.parse(source);
            if (taxii.isPresent()) {
                return importTaxii(taxii.get(), start);
            }
            String lower = source.toLowerCase(Locale.ROOT);
            if (lower.startsWith("https://") || lower.startsWith("http://")) {
                return importUrl(URI.create(source), start);
            }
            Path path = Path.of(source);
            if (Files.isDirectory(path)) {
                return importFolder(path, start);
            }
            if (!Files.isRegularFile(path)) {
                return failed(nameOr(fileName(path)), "file", source, "no such file or folder", start);
            }
            try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
                FeedFormat f = format(path.getFileName().toString(), in);
                String name = nameOr(fileName(path));
                return store(name, f.name(), source, read(f, name, in), null, start);
            }
        } catch (IllegalArgumentException e) {
            return failed(nameOr(source), "?", source, e.getMessage(), start);
        } catch (IOException e) {
            return failed(nameOr(source), "?", source, e.getMessage(), start);
        }
    }

    private ImportReport importTaxii(TaxiiSource src, long start) throws IOException {
        String name = nameOr(src.name());
        String cursor = cursor(name);
        List<JsonNode> objects = new ArrayList<>();
        TaxiiClient c = client();
        TaxiiClient.Pull pull = c.pull(src.apiRoot(), src.collectionId(), cursor, p -> objects.addAll(p.objects()));
        List<FeedProblem> extra = new ArrayList<>();
        pull.warnings().forEach(w -> extra.add(new FeedProblem(src.name(), w)));
        String url = src.apiRoot() + "collections/" + src.collectionId();
        if (pull.failure() != null && pull.pages() == 0) {
            return failed(name, "taxii", url, pull.failure().getMessage(), start);
        }
        FeedResult r = objects.isEmpty() ? new FeedResult(name, List.of(), List.of(), 0)
                : new StixBundleReader(options.limits()).read(name, bundle(c, src, objects));
        ImportReport rep = store(name, "taxii", url, r, pull.cursor(), start, extra,
                pull.failure() == null ? null : "stopped after " + pull.pages() + " pages: " + pull.failure().getMessage());
        return rep;
    }

    private static byte[] bundle(TaxiiClient c, TaxiiSource src, List<JsonNode> objects) {
        return new dev.cloudwarden.app.intel.taxii.TaxiiPage(URI.create(src.name().substring("taxii:".length())), 1,
                objects, false, null, null, null).bundle(c.json());
    }

    private String cursor(String name) throws IOException {
        return options.full() ? null : store.feed(name).map(Feed::addedAfter).orElse(null);
    }

    private ImportReport importUrl(URI uri, long start) throws IOException {
        String name = nameOr(uri.toString());
        if (MispFeeds.isFeedUrl(uri) && (options.format() == FeedFormat.auto || options.format() == FeedFormat.misp)) {
            MispFeeds.Read m;
            try {
                m = MispFeeds.readUrl(name, uri, client(), options.limits(), cursor(name));
            } catch (TaxiiException e) {
                return failed(name, "misp", uri.toString(), e.getMessage(), start);
            }
            return store(name, "misp", uri.toString(), m.result(), m.cursor(), start);
        }
        byte[] body;
        try {
            body = client().download(uri);
        } catch (TaxiiException e) {
            return failed(name, "url", uri.toString(), e.getMessage(), start);
        }
        FeedFormat f = options.format() != FeedFormat.auto ? options.format()
                : FeedFormat.detect(uri.getPath() == null ? "" : uri.getPath(), head(body));
        return store(name, f.name(), uri.toString(), read(f, name, new ByteArrayInputStream(body)), null, start);
    }

    private ImportReport importFolder(Path dir, long start) throws IOException {
        String name = nameOr(fileName(dir));
        if (Files.isRegularFile(dir.resolve("manifest.json")) && options.format() != FeedFormat.stix) {
            MispFeeds.Read m = MispFeeds.readFolder(name, dir, options.limits(), cursor(name));
            return store(name, "misp", dir.toString(), m.result(), m.cursor(), start);
        }
        // a folder of feed files: one source, every (non-hidden) file read by its own format
        List<Indicator> indicators = new ArrayList<>();
        List<FeedProblem> problems = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        int skippedCount = 0;
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
        for (Path p : files) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(p), 1 << 16)) {
                FeedResult r = read(format(p.getFileName().toString(), in), name, in);
                indicators.addAll(r.indicators());
                problems.addAll(r.problems());
                skippedCount += r.skipped();
                r.skippedByReason().forEach((k, v) -> skipped.merge(k, v, Integer::sum));
            }
        }
        return store(name, "folder", dir.toString(), new FeedResult(name, indicators, problems, skippedCount, skipped),
                null, start);
    }

    private FeedFormat format(String fileName, InputStream in) throws IOException {
        return options.format() != FeedFormat.auto ? options.format() : FeedFormat.detect(fileName, FeedFormat.peek(in, 4096));
    }

    private FeedResult read(FeedFormat f, String name, InputStream in) throws IOException {
        return switch (f) {
            case stix, auto -> new StixBundleReader(options.limits()).read(name, in);
            case misp -> new MispReader(options.limits()).read(name, in);
            case csv -> new ListReader(options.limits()).readCsv(name, in, options.list());
            case list -> new ListReader(options.limits()).readLines(name, in, options.list());
        };
    }

    private ImportReport store(String name, String kind, String location, FeedResult r, String cursor, long start)
            throws IOException {
        return store(name, kind, location, r, cursor, start, List.of(), null);
    }

    private ImportReport store(String name, String kind, String location, FeedResult r, String cursor, long start,
                               List<FeedProblem> extraProblems, String failure) throws IOException {
        List<Indicator> labelled = r.indicators();
        if (!options.labels().isEmpty()) {
            labelled = new ArrayList<>(r.indicators().size());
            for (Indicator i : r.indicators()) {
                LinkedHashSet<String> labels = new LinkedHashSet<>(i.labels());
                labels.addAll(options.labels());
                labelled.add(new Indicator(i.id(), i.type(), i.value(), i.source(), i.confidence(), List.copyOf(labels),
                        i.validFrom(), i.validUntil(), i.killChainPhases(), i.description()));
            }
        }
        ImportCounts counts = store.upsert(labelled, options.now());
        List<FeedProblem> problems = new ArrayList<>(r.problems());
        problems.addAll(extraProblems);
        store.saveFeed(new Feed(name, kind, location, cursor, options.now(), counts.added(), counts.updated(),
                counts.unchanged(), r.skipped(), counts.expired(), problems.size()));
        return new ImportReport(name, kind, location, r.indicators().size(), counts, r.skipped(), r.skippedByReason(),
                problems, failure, cursor, Duration.ofNanos(System.nanoTime() - start));
    }

    private ImportReport failed(String name, String kind, String location, String why, long start) {
        return new ImportReport(name, kind, location, 0, ImportCounts.NONE, 0, Map.of(), List.of(), why, null,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private TaxiiClient client() throws IOException {
        if (client == null) {
            client = new TaxiiClient(options.taxii());
        }
        return client;
    }

    private String nameOr(String fallback) {
        return options.name() != null ? options.name() : fallback;
    }

    private static String fileName(Path p) {
        Path f = p.toAbsolutePath().normalize().getFileName();
        return f == null ? p.toString() : f.toString();
    }

    private static byte[] head(byte[] body) {
        return body.length <= 4096 ? body : java.util.Arrays.copyOf(body, 4096);
    }
}
