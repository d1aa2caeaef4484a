package dev.cloudwarden.app.live.files;

import dev.cloudwarden.app.live.Checkpointer;
import dev.cloudwarden.app.live.CountingSink;
import dev.cloudwarden.app.live.InputHealth;
import dev.cloudwarden.app.live.LiveConsumer;
import dev.cloudwarden.app.live.LiveInput;
import dev.cloudwarden.app.live.LiveStats;
import dev.cloudwarden.app.live.Offsets;
import dev.cloudwarden.app.live.Position;
import dev.cloudwarden.engine.event.Origin;
import dev.cloudwarden.engine.ingest.Ingestor;
import dev.cloudwarden.engine.ingest.read.Input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Watched files as a live input, read as {@code tail -F} reads them, through the engine's own parsers
 * ({@link Ingestor#feed}), so a file gives the events and rejections {@code scan} gives for the same bytes.
 *
 * <ul>
 * <li>Files are known by identity (the file system's file key: device and inode) checked against a fingerprint of
 * their first bytes. A file renamed away (rotation) is read to its end through the file still open, or found again by
 * its identity beside the watched path; it keeps the name it was first seen under, so its origins do not change.
 * The new file at the path is a new file, read from its start.</li>
 * <li>Only complete lines are read; a trailing partial line waits for its newline (a file gone and no longer growing
 * has its last line read without one, as {@code scan} reads it).</li>
 * <li>A file shorter than its position, or whose first bytes changed (copytruncate, truncation, replaced in place), is
 * read again from its start, and health says so.</li>
 * <li>A file whose first bytes are a document (CloudTrail's {@code {"Records":[...]}}, a JSON array, pretty-printed
 * JSON) or gzip is read once, whole, when its size and time held still for one poll. A {@code .gz} whose decompressed
 * first bytes are those of a file already followed is that file's rotated copy: skipped (reported as a skip), since
 * reading it again would repeat its events under another name.</li>
 * <li>After a restart a file resumes at its committed position; its parser state (the source decided by its first
 * record, a flow-log header) is rebuilt by reading the lines before the position with nothing handed over.</li>
 * </ul>
 */
public final class LiveFiles implements LiveInput {
    private static final int BLOCK = 64 * 1024;

    private final String name;
    private final List<WatchedPath> watched;
    private final Ingestor ingestor;
    private final Offsets offsets;
    private final LiveConsumer consumer;
    private final LiveFilesOptions options;
    private final LiveStats stats;
    private final CountingSink sink;
    private final Checkpointer checkpointer;
    private final Map<String, FollowedFile> files = new LinkedHashMap<>();
    /** Committed positions of files not followed now (not seen since the restart, or gone), oldest first. */
    private final LinkedHashMap<String, Position> known = new LinkedHashMap<>();
    /** Files with an open channel, least recently read first. */
    private final LinkedHashMap<String, FollowedFile> open = new LinkedHashMap<>(16, 0.75f, true);

    private LiveFiles(String name, List<WatchedPath> watched, Ingestor ingestor, Offsets offsets,
                      LiveConsumer consumer, LiveFilesOptions options, Clock clock) {
        this.name = name;
        this.watched = List.copyOf(watched);
        this.ingestor = ingestor;
        this.offsets = offsets;
        this.consumer = consumer;
        this.options = options;
        this.stats = new LiveStats(name, "bytes", clock);
        this.sink = new CountingSink(consumer, stats);
        this.checkpointer = new Checkpointer(name, offsets, stats);
    }

    /** An input named {@code name} (its positions' key) following {@code watched}, from its committed positions. */
    public static LiveFiles open(String name, List<WatchedPath> watched, Ingestor ingestor, Offsets offsets,
                                 LiveConsumer consumer, LiveFilesOptions options, Clock clock) throws IOException {
        LiveFiles input = new LiveFiles(name, watched, ingestor, offsets, consumer, options, clock);
        input.known.putAll(offsets.load(name));
        return input;
    }

    @Override
    public InputHealth health() {
        return stats.health();
    }

    @Override
    public boolean poll() {
        boolean read = false;
        try {
            Map<String, Path> present = presentFiles();
            files.values().forEach(f -> f.present = false);
            for (Map.Entry<String, Path> e : present.entrySet()) {
                FollowedFile f = files.computeIfAbsent(e.getKey(), id -> adopt(id, e.getValue()));
                f.path = e.getValue();
                f.present = true;
            }
            for (FollowedFile f : List.copyOf(files.values())) {
                try {
                    read |= f.present ? follow(f) : drain(f);
                } catch (NoSuchFileException gone) {
                    f.present = false; // went between the listing and the read: the next poll drains it
                } catch (IOException e) {
                    stats.error(f.name + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            stats.error(name + ": cannot list watched files: " + e.getMessage());
        } catch (RuntimeException consumerFailed) {
            // What was handed over since the last checkpoint may not be durable: start again from the committed
            // positions (the same records again, the same alert ids).
            stats.error(name + ": consumer failed, rereading from the last checkpoint: " + consumerFailed);
            reset();
            return false;
        }
        stats.followed(files.size());
        stats.lag(files.values().stream().filter(f -> !f.finished).mapToLong(f -> Math.max(0, f.lastSize - f.offset)).sum());
        if (read) {
            checkpointer.request(consumer, positions(), () -> { });
        }
        return read;
    }

    /** Every position to commit: the files followed and the ones remembered. */
    private List<Position> positions() {
        List<Position> all = new ArrayList<>(known.values());
        files.values().forEach(f -> all.add(f.position()));
        return all;
    }

    private Map<String, Path> presentFiles() throws IOException {
        Map<String, Path> byIdentity = new LinkedHashMap<>();
        for (WatchedPath w : watched) {
            for (Path p : w.list()) {
                try {
                    byIdentity.putIfAbsent(identity(Files.readAttributes(p, BasicFileAttributes.class), p), p);
                } catch (NoSuchFileException gone) {
                    // deleted since listed
                }
            }
        }
        return byIdentity;
    }

    static String identity(BasicFileAttributes attrs, Path path) {
        Object key = attrs.fileKey();
        // Without file keys (some file systems), the path and creation time stand in: a rename then looks like a new file.
        return key != null ? key.toString() : path.toAbsolutePath() + "@" + attrs.creationTime();
    }

    /** A file seen for the first time since the start: resumed at its committed position when it is the same file. */
    private FollowedFile adopt(String identity, Path path) {
        Position p = known.remove(identity);
        if (p != null) {
            FollowedFile f = FollowedFile.resumed(p, path);
            try {
                FileChannel c = channel(f);
                if (c != null && f.fingerprint.matches(ChannelSlice.bytes(c, 0, f.fingerprint.length()))) {
                    return f;
                }
            } catch (IOException e) {
                stats.error(p.name() + ": " + e.getMessage());
            }
            close(f);
            stats.error(path + ": not the file last read under this identity (" + p.name() + "); read from its start");
        }
        return new FollowedFile(identity, path.toString(), path);
    }

    private boolean follow(FollowedFile f) throws IOException {
        FileChannel c = channel(f);
        if (c == null) {
            return false;
        }
        long size = c.size();
        FileTime modified = Files.getLastModifiedTime(f.path);
        boolean stable = size == f.lastSize && modified.equals(f.lastModified);
        f.lastSize = size;
        f.lastModified = modified;
        if (size < f.offset) {
            stats.error(f.name + ": truncated to " + size + " bytes, below the position " + f.offset
                    + "; reading it again from the start");
            f.restart();
        } else if (f.fingerprint.length() > 0 && !f.fingerprint.matches(ChannelSlice.bytes(c, 0, f.fingerprint.length()))) {
            stats.error(f.name + ": its first bytes changed (truncated and rewritten); reading it again from the start");
            f.restart();
        }
        if (f.referenceTime == null) {
            f.referenceTime = modified.toInstant();
        }
        if (f.fingerprint.length() < Fingerprint.LENGTH && size > f.fingerprint.length()) {
            f.fingerprint = Fingerprint.of(ChannelSlice.bytes(c, 0, Fingerprint.LENGTH));
        }
        return read(f, c, size, stable, false);
    }

    /** Reads what the file's format allows now; {@code done} when the file will not grow any more. */
    private boolean read(FollowedFile f, FileChannel c, long size, boolean stable, boolean done) throws IOException {
        if (f.finished) {
            return false;
        }
        boolean compressed = Compressed.isGzip(c);
        if (f.format == null && !compressed && !decideFormat(f, c, size, stable || done)) {
            return false;
        }
        if (!compressed && f.isLines()) {
            return readLines(f, c, size, done);
        }
        return (stable || done) && readDocument(f, c, size, compressed);
    }

    /**
     * Decides the container format as {@code scan} would from the same first bytes. A first line that shows text or
     * one JSON object decides at once (more bytes could not change that); anything else waits for the sniffing
     * window to fill or the file to hold still.
     */
    private boolean decideFormat(FollowedFile f, FileChannel c, long size, boolean stable) throws IOException {
        byte[] prefix = ChannelSlice.bytes(c, 0, (int) Math.min(size, Ingestor.SNIFF_BYTES));
        var format = ingestor.format(prefix, prefix.length);
        boolean lineFormat = format == dev.cloudwarden.engine.ingest.read.ContainerFormat.TEXT_LINES
                || format == dev.cloudwarden.engine.ingest.read.ContainerFormat.JSON_LINES;
        boolean decided = (lineFormat && hasNewline(prefix)) || prefix.length == Ingestor.SNIFF_BYTES
                || (stable && format != dev.cloudwarden.engine.ingest.read.ContainerFormat.EMPTY);
        if (decided) {
            f.format = format;
        }
        return decided;
    }

    private static boolean hasNewline(byte[] b) {
        for (byte x : b) {
            if (x == '\n') {
                return true;
            }
        }
        return false;
    }

    /** Feeds the complete lines after the position (at most about one poll's budget); all of the file when done. */
    private boolean readLines(FollowedFile f, FileChannel c, long size, boolean done) throws IOException {
        if (f.feed == null) {
            f.feed = ingestor.feed(f.name, f.referenceTime, f.format, sink);
            if (f.offset > 0) {
                sink.muted(true); // these lines were handed over before the restart
                try {
                    f.feed.read(new ChannelSlice(c, 0, f.offset), 0);
                } finally {
                    sink.muted(false);
                }
            }
        }
        long budgetEnd = f.offset + options.maxBytesPerPoll();
        long pos = f.offset;
        long lastEnd = -1;
        long lines = 0;
        long linesAtLastEnd = 0;
        ByteBuffer buf = ByteBuffer.allocate(BLOCK);
        while (pos < size && !(lastEnd >= 0 && pos >= budgetEnd)) {
            buf.clear().limit((int) Math.min(BLOCK, size - pos));
            int n = c.read(buf, pos);
            if (n <= 0) {
                break;
            }
            byte[] a = buf.array();
            for (int i = 0; i < n; i++) {
                if (a[i] == '\n') {
                    lines++;
                    lastEnd = pos + i + 1;
                    linesAtLastEnd = lines;
                }
            }
            pos += n;
        }
        long upto = lastEnd;
        long count = linesAtLastEnd;
        if (done && pos >= size && size > Math.max(lastEnd, f.offset)) {
            upto = size; // the last line of a file that will not grow: read without its newline, as scan reads it
            count++;
        }
        if (upto <= f.offset) {
            return false;
        }
        f.feed.read(new ChannelSlice(c, f.offset, upto), f.line);
        stats.bytesRead(upto - f.offset);
        f.offset = upto;
        f.line += count;
        return true;
    }

    private boolean readDocument(FollowedFile f, FileChannel c, long size, boolean compressed) throws IOException {
        f.finished = true;
        f.offset = size;
        if (compressed) {
            String copyOf = rotatedCopyOf(f, c, size);
            if (copyOf != null) {
                sink.onSkipped(Origin.line(f.name, 0), "compressed rotated copy of " + copyOf + ", already read");
                return true;
            }
        }
        ingestor.read(new Input(f.name, size, f.referenceTime, () -> new ChannelSlice(c, 0, size)), sink);
        stats.bytesRead(size);
        return true;
    }

    /** The name of a followed or remembered line file whose first bytes this compressed file starts with, or null. */
    private String rotatedCopyOf(FollowedFile gz, FileChannel c, long size) throws IOException {
        byte[] first = Compressed.firstBytes(new ChannelSlice(c, 0, size), Fingerprint.LENGTH);
        List<Position> candidates = new ArrayList<>(known.values());
        files.values().stream().filter(f -> f != gz).forEach(f -> candidates.add(f.position()));
        for (Position p : candidates) {
            if (p.fingerprintLength() > 0 && !p.finished()
                    && new Fingerprint(p.fingerprint(), p.fingerprintLength()).matches(first)) {
                return p.name();
            }
        }
        return null;
    }

    /** A file no longer at a watched path: read to its end through its open channel, then dropped. */
    private boolean drain(FollowedFile f) throws IOException {
        FileChannel c = f.channel != null && f.channel.isOpen() ? f.channel : reopenByIdentity(f);
        if (c == null) {
            if (!f.finished && (f.format == null || f.lastSize != f.offset)) {
                stats.error(f.name + ": gone before it was read to its end (read up to byte " + f.offset
                        + "); the rest is lost");
            }
            drop(f);
            return false;
        }
        long size = c.size();
        boolean grew = size != f.lastSize;
        f.lastSize = size;
        boolean read = read(f, c, size, false, !grew);
        if (!grew) {
            drop(f);
        }
        return read;
    }

    /** Looks for a renamed file beside the watched paths (its channel was closed to bound the open files). */
    private FileChannel reopenByIdentity(FollowedFile f) throws IOException {
        for (WatchedPath w : watched) {
            try (var dir = Files.newDirectoryStream(w.directory())) {
                for (Path p : dir) {
                    try {
                        if (identity(Files.readAttributes(p, BasicFileAttributes.class), p).equals(f.identity)) {
                            f.path = p;
                            return channel(f);
                        }
                    } catch (NoSuchFileException gone) {
                        // deleted since listed
                    }
                }
            }
        }
        return null;
    }

    private void drop(FollowedFile f) {
        close(f);
        files.remove(f.identity);
        known.put(f.identity, f.position());
        Iterator<String> oldest = known.keySet().iterator();
        while (known.size() > options.keepGone() && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    /** The file's open channel, opening it (and closing the least recently read beyond the limit); null if it is gone. */
    private FileChannel channel(FollowedFile f) throws IOException {
        if (f.channel != null && f.channel.isOpen()) {
            open.get(f.identity);
            return f.channel;
        }
        FileChannel c;
        try {
            c = FileChannel.open(f.path, StandardOpenOption.READ);
            // The path may have been rotated between the listing and the open: only the same file will do.
            if (!identity(Files.readAttributes(f.path, BasicFileAttributes.class), f.path).equals(f.identity)) {
                c.close();
                return null;
            }
        } catch (NoSuchFileException gone) {
            return null;
        }
        f.channel = c;
        open.put(f.identity, f);
        while (open.size() > options.maxOpenFiles()) {
            FollowedFile eldest = open.keySet().stream().findFirst().map(open::get).orElseThrow();
            close(eldest);
        }
        return c;
    }

    private void close(FollowedFile f) {
        open.remove(f.identity);
        if (f.channel != null) {
            try {
                f.channel.close();
            } catch (IOException ignored) {
                // closing a read-only channel loses nothing
            }
            f.channel = null;
        }
    }

    /** Forgets everything since the last commit: the next poll resumes from the committed positions. */
    private void reset() {
        List.copyOf(files.values()).forEach(this::close);
        files.clear();
        known.clear();
        try {
            known.putAll(offsets.load(name));
        } catch (IOException e) {
            stats.error(name + ": cannot load positions: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        List.copyOf(files.values()).forEach(this::close);
    }
}
