package dev.cloudwarden.app.live.files;

import dev.cloudwarden.app.live.Position;
import dev.cloudwarden.engine.ingest.LineFeed;
import dev.cloudwarden.engine.ingest.read.ContainerFormat;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;

/** One file being followed: its identity, how far it is read, and what reading it needs next. */
final class FollowedFile {
    final String identity;
    /** The name in its events' origins: the path it had when first seen, kept through renames. */
    final String name;
    Path path;
    long offset;
    long line;
    Fingerprint fingerprint = Fingerprint.NONE;
    ContainerFormat format;
    Instant referenceTime;
    boolean finished;
    /** False once the file is at none of the watched paths (renamed away or deleted): read to its end, then dropped. */
    boolean present = true;
    long lastSize = -1;
    FileTime lastModified;
    LineFeed feed;
    FileChannel channel;

    FollowedFile(String identity, String name, Path path) {
        this.identity = identity;
        this.name = name;
        this.path = path;
    }

    static FollowedFile resumed(Position p, Path path) {
        FollowedFile f = new FollowedFile(p.id(), p.name(), path);
        f.offset = p.offset();
        f.line = p.line();
        f.fingerprint = new Fingerprint(p.fingerprint(), p.fingerprintLength());
        f.format = p.format().isEmpty() ? null : Arrays.stream(ContainerFormat.values())
                .filter(c -> c.label().equals(p.format())).findFirst().orElse(null);
        f.referenceTime = p.referenceTime();
        f.finished = p.finished();
        return f;
    }

    Position position() {
        return new Position(identity, name, offset, line, fingerprint.hex(), fingerprint.length(),
                format == null ? "" : format.label(), referenceTime, finished);
    }

    boolean isLines() {
        return format == ContainerFormat.TEXT_LINES || format == ContainerFormat.JSON_LINES;
    }

    /** Back to the start: the file was truncated or replaced in place. */
    void restart() {
        offset = 0;
        line = 0;
        fingerprint = Fingerprint.NONE;
        format = null;
        finished = false;
        feed = null;
    }
}
