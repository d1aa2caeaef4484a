package dev.cloudwarden.app.live.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What to watch: a file, or the files of a directory whose names match a glob ({@code *} when none; hidden files
 * are skipped, as {@code scan} skips them). Subdirectories are not entered: rotation happens beside the file.
 */
public record WatchedPath(Path path, String glob) {
    public WatchedPath {
        glob = glob == null || glob.isBlank() ? "*" : glob;
    }

    /** {@code dir/*.log} as a directory and a glob; anything else as a file or directory. */
    public static WatchedPath parse(String spec) {
        Path p = Path.of(spec);
        String last = p.getFileName() == null ? "" : p.getFileName().toString();
        if ((last.contains("*") || last.contains("?") || last.contains("[")) && p.getParent() != null) {
            return new WatchedPath(p.getParent(), last);
        }
        return new WatchedPath(p, null);
    }

    /** The regular files to follow now, sorted; none when the path does not exist (yet). */
    List<Path> list() throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(path, glob)) {
            for (Path f : dir) {
                if (!f.getFileName().toString().startsWith(".") && Files.isRegularFile(f)) {
                    files.add(f);
                }
            }
        }
        files.sort(null);
        return files;
    }

    /** The directory rotated copies of the watched files land in. */
    Path directory() {
        return Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
    }
}
