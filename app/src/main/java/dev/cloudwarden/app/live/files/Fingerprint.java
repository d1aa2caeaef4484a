package dev.cloudwarden.app.live.files;

import dev.cloudwarden.engine.event.Digests;

import java.util.HexFormat;

/**
 * A hash of a file's first bytes (up to {@link #LENGTH}): with the inode, it tells a file from another that took its
 * inode or its place, and a compressed rotated copy from the file it was made of.
 */
record Fingerprint(String hex, int length) {
    static final int LENGTH = 1024;
    static final Fingerprint NONE = new Fingerprint("", 0);

    static Fingerprint of(byte[] first) {
        int n = Math.min(first.length, LENGTH);
        var d = Digests.newSha256();
        d.update(first, 0, n);
        return new Fingerprint(HexFormat.of().formatHex(d.digest()), n);
    }

    /** True when {@code first} (at least {@link #length} bytes of a file) starts with the bytes this was made of. */
    boolean matches(byte[] first) {
        if (first.length < length) {
            return false;
        }
        return length == 0 || of(java.util.Arrays.copyOf(first, length)).hex.equals(hex);
    }
}
