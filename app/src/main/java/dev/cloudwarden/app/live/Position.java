package dev.cloudwarden.app.live;

import java.time.Instant;

/**
 * How far one thing of a live input has been read and made durable.
 *
 * <p>For a watched file: {@code id} is its identity (inode or {@code fileKey}), {@code name} the name its events carry
 * in their origins (the path it had when first seen: a rotated file keeps it), {@code offset} the byte after the last
 * complete line handed over, {@code line} that line's number, {@code fingerprint} a hash of its first bytes (an inode
 * reused by another file is not taken for the old one), {@code format} the container format decided once, and
 * {@code referenceTime} the modification time it was first read with (kept, so a resumed file parses as it began).
 *
 * <p>For S3 prefix polling: {@code id} is the prefix walked and {@code name} the last key whose events are durable.
 *
 * @param fingerprint       hex SHA-256 of the first {@code fingerprintLength} bytes, or empty
 * @param format            a {@link dev.cloudwarden.engine.ingest.read.ContainerFormat} label, or empty while undecided
 * @param finished          true for a document read whole (never read again while its identity and fingerprint hold)
 */
public record Position(String id, String name, long offset, long line, String fingerprint, int fingerprintLength,
                       String format, Instant referenceTime, boolean finished) {
    public Position {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("a position needs an id");
        }
        name = name == null ? "" : name;
        fingerprint = fingerprint == null ? "" : fingerprint;
        format = format == null ? "" : format;
        if (offset < 0 || line < 0) {
            throw new IllegalArgumentException(id + ": negative offset " + offset + " or line " + line);
        }
    }

    /** A marker: {@code name} is the last thing done under {@code id} (S3: the last key of a prefix). */
    public static Position marker(String id, String name) {
        return new Position(id, name, 0, 0, "", 0, "", null, false);
    }
}
