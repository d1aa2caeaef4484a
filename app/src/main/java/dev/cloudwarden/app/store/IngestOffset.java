package dev.cloudwarden.app.store;

import java.time.Instant;
import java.util.Objects;

/**
 * How far a live input has read one file: the next byte and line to read, and what the file was, so a restart
 * tells the same file (resume) from a rotated or truncated one (start over).
 *
 * @param input      the live input's name
 * @param fileKey    the file within the input (its path, or an object key)
 * @param byteOffset the next byte to read
 * @param lineNumber the number of lines read so far
 * @param resumeState what else the input needs to resume (its own JSON: a file's first name, its format), or null
 * @param updatedAt  when it was committed; ignored when committing (the store sets it)
 */
public record IngestOffset(String input, String fileKey, long byteOffset, long lineNumber, FileIdentity identity,
                           String resumeState, Instant updatedAt) {
    public IngestOffset(String input, String fileKey, long byteOffset, long lineNumber, FileIdentity identity,
                        Instant updatedAt) {
        this(input, fileKey, byteOffset, lineNumber, identity, null, updatedAt);
    }

    public IngestOffset {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(fileKey, "fileKey");
        Objects.requireNonNull(identity, "identity");
        if (byteOffset < 0 || lineNumber < 0) {
            throw new IllegalArgumentException("negative offset for " + fileKey + ": byte " + byteOffset + ", line " + lineNumber);
        }
    }

    /**
     * What a file is, as far as the platform tells: any part may be null where it is unknown.
     *
     * @param fingerprint a digest of the file's first bytes (rotation by copy keeps the inode but not these)
     */
    public record FileIdentity(String device, String inode, Long size, String fingerprint) {
        public static final FileIdentity UNKNOWN = new FileIdentity(null, null, null, null);
    }
}
