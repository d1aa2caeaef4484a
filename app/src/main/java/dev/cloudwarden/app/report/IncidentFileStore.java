package dev.cloudwarden.app.report;

import dev.cloudwarden.app.store.PlatformStore;
import dev.cloudwarden.app.store.StoreLocation;
import dev.cloudwarden.engine.incident.IncidentFile;
import dev.cloudwarden.engine.run.IncidentSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A file of incident updates loaded into a throwaway DuckDB store, so that {@code report --incidents FILE} counts
 * with the very queries a real store answers. The store lives in a temporary folder removed on {@link #close()}.
 * A file does not say when each incident was learnt of, so its time to detect is unknown.
 */
public final class IncidentFileStore implements AutoCloseable {
    private final Path folder;
    private final PlatformStore store;
    private final long read;
    private final long rejected;

    private IncidentFileStore(Path folder, PlatformStore store, long read, long rejected) {
        this.folder = folder;
        this.store = store;
        this.read = read;
        this.rejected = rejected;
    }

    /** Loads {@code file}; each line that is not an incident goes to {@code problems} and the rest is loaded. */
    public static IncidentFileStore load(Path file, IncidentFile.Problems problems) throws IOException {
        Path folder = Files.createTempDirectory("cloudwarden-report-");
        PlatformStore store = null;
        try {
            store = PlatformStore.open(StoreLocation.duckdb(folder.resolve("incidents.duckdb")), Clock.systemUTC());
            IncidentSink sink = store.incidentSink();
            long[] rejected = new long[1];
            long read = IncidentFile.forEach(file, u -> {
                try {
                    sink.accept(u);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, (line, reason) -> {
                rejected[0]++;
                problems.at(line, reason);
            });
            sink.flush();
            return new IncidentFileStore(folder, store, read, rejected[0]);
        } catch (UncheckedIOException e) {
            abandon(folder, store);
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            abandon(folder, store);
            throw e;
        }
    }

    public PlatformStore store() {
        return store;
    }

    /** Incident updates read from the file (an incident updated three times counts three). */
    public long updatesRead() {
        return read;
    }

    /** Lines of the file that were not incidents (each given to the problems when loading). */
    public long rejected() {
        return rejected;
    }

    @Override
    public void close() {
        store.close();
        delete(folder);
    }

    private static void abandon(Path folder, PlatformStore store) {
        if (store != null) {
            store.close();
        }
        delete(folder);
    }

    private static void delete(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary folder is the operating system's to clean; the report itself is written
        }
    }
}
