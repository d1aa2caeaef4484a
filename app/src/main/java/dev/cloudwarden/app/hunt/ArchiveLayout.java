package dev.cloudwarden.app.hunt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the archive keeps its files: a Hive-partitioned folder, {@code day=2024-05-01/source=cloudtrail/*.parquet},
 * by default beside the store ({@code cloudwarden.duckdb.events/}). Retention works on whole day folders.
 */
public final class ArchiveLayout {
    private static final String DAY_PREFIX = "day=";
    private static final String SOURCE_PREFIX = "source=";

    private final Path root;

    public ArchiveLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The archive beside a store file: {@code <store>.events/}. */
    public static ArchiveLayout besideStore(Path store) {
        Path abs = store.toAbsolutePath().normalize();
        return new ArchiveLayout(abs.resolveSibling(abs.getFileName() + ".events"));
    }

    public Path root() {
        return root;
    }

    /** Every batch file, as one glob for {@code read_parquet}. */
    String glob() {
        return root + "/" + DAY_PREFIX + "*/" + SOURCE_PREFIX + "*/*.parquet";
    }

    /** The sources with at least one day in the archive (their ids: {@code cloudtrail}, {@code vpcflow} ...). */
    public java.util.SortedSet<String> sources() throws IOException {
        java.util.SortedSet<String> sources = new java.util.TreeSet<>();
        if (!Files.isDirectory(root)) {
            return sources;
        }
        try (DirectoryStream<Path> days = Files.newDirectoryStream(root, DAY_PREFIX + "*")) {
            for (Path day : days) {
                try (DirectoryStream<Path> bySource = Files.newDirectoryStream(day, SOURCE_PREFIX + "*")) {
                    for (Path s : bySource) {
                        sources.add(s.getFileName().toString().substring(SOURCE_PREFIX.length()));
                    }
                }
            }
        }
        return sources;
    }

    /** True when at least one batch file exists (DuckDB refuses a glob that matches nothing). */
    boolean hasFiles() {
        if (!Files.isDirectory(root)) {
            return false;
        }
        try (Stream<Path> files = Files.find(root, 3, (p, attrs) -> attrs.isRegularFile()
                && p.getFileName().toString().endsWith(".parquet"))) {
            return files.findAny().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the event archive " + root, e);
        }
    }

    /** The day partitions present, oldest first; folders whose name is not a day are not the archive's and are left. */
    List<LocalDate> days() throws IOException {
        List<LocalDate> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, DAY_PREFIX + "*")) {
            for (Path d : dirs) {
                day(d).ifPresent(out::add);
            }
        }
        out.sort(null);
        return out;
    }

    /** Deletes the folder of {@code day} and everything in it. */
    void delete(LocalDate day) throws IOException {
        Path dir = root.resolve(DAY_PREFIX + day);
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Optional<LocalDate> day(Path dir) {
        try {
            return Optional.of(LocalDate.parse(dir.getFileName().toString().substring(DAY_PREFIX.length())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
