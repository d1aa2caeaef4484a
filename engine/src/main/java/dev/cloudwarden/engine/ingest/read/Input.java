package dev.cloudwarden.engine.ingest.read;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * One thing to read: a file or standard input. Gzip is recognised by its magic bytes, not its name,
 * so {@code .gz} files without the suffix (and suffixed files that are not compressed) both work.
 *
 * @param name     shown in messages: the path as given, or {@code -} for stdin
 * @param size     bytes on disk (compressed size for .gz), or -1 when unknown
 * @param modified the file's modification time (stdin: when reading started)
 */
public record Input(String name, long size, Instant modified, Opener opener) {

    /** Opens the raw bytes; each call starts from the beginning. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public static Input file(Path path) {
        try {
            return new Input(path.toString(), Files.size(path), Files.getLastModifiedTime(path).toInstant(),
                    () -> Files.newInputStream(path));
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e.getMessage(), e);
        }
    }

    public static Input stdin(Supplier<InputStream> stdin, Instant now) {
        return new Input("-", -1, now, () -> new FilterInputStream(stdin.get()) {
            @Override
            public void close() {
                // stdin belongs to the process, not to us
            }
        });
    }

    public static Input bytes(String name, byte[] content, Instant modified) {
        return new Input(name, content.length, modified, () -> new java.io.ByteArrayInputStream(content));
    }

    /**
     * Expands paths: files as they are, directories recursively (sorted, so the order is stable),
     * {@code -} as stdin. Hidden files and folders inside directories are skipped; named files never are.
     *
     * @throws java.io.FileNotFoundException naming the first path that does not exist
     */
    public static List<Input> expand(List<String> paths, Supplier<InputStream> stdin, Instant now) throws IOException {
        List<Input> inputs = new ArrayList<>();
        for (String p : paths) {
            if (p.equals("-")) {
                inputs.add(stdin(stdin, now));
                continue;
            }
            Path path = Path.of(p);
            if (!Files.exists(path)) {
                throw new java.io.FileNotFoundException(p + ": no such file or directory");
            }
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> !isHiddenBelow(path, f))
                            .sorted()
                            .forEach(f -> inputs.add(file(f)));
                }
            } else {
                inputs.add(file(path));
            }
        }
        return inputs;
    }

    private static boolean isHiddenBelow(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Opens the input decompressed, counting raw bytes read into {@code counter} (for progress).
     */
    public InputStream openDecoded(ByteCounter counter) throws IOException {
        InputStream raw = new CountingInputStream(opener.open(), counter);
        BufferedInputStream buffered = new BufferedInputStream(raw, 64 * 1024);
        buffered.mark(2);
        int b1 = buffered.read();
        int b2 = buffered.read();
        buffered.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(buffered, 64 * 1024), 64 * 1024);
        }
        return buffered;
    }

    /** Receives the running count of raw bytes read. */
    @FunctionalInterface
    public interface ByteCounter {
        void bytesRead(long total);
    }

    private static final class CountingInputStream extends FilterInputStream {
        private final ByteCounter counter;
        private long total;

        CountingInputStream(InputStream in, ByteCounter counter) {
            super(in);
            this.counter = counter;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counter.bytesRead(++total);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                total += n;
                counter.bytesRead(total);
            }
            return n;
        }
    }
}
