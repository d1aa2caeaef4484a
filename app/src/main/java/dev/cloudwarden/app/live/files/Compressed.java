package dev.cloudwarden.app.live.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.util.zip.GZIPInputStream;

/** Gzip seen as {@code scan} sees it: by its magic bytes, not by the file's name. */
final class Compressed {
    private Compressed() {
    }

    static boolean isGzip(FileChannel c) throws IOException {
        byte[] magic = ChannelSlice.bytes(c, 0, 2);
        return magic.length == 2 && (magic[0] & 0xFF) == 0x1f && (magic[1] & 0xFF) == 0x8b;
    }

    /** Up to {@code n} decompressed bytes from the start (fewer when it is shorter or broken). */
    static byte[] firstBytes(InputStream gz, int n) {
        try (InputStream in = new GZIPInputStream(gz)) {
            return in.readNBytes(n);
        } catch (IOException broken) {
            return new byte[0]; // a broken gzip is read (and its error reported) by the ingestor
        }
    }
}
