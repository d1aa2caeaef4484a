package dev.cloudwarden.app.live.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Bytes {@code [from, to)} of an open file, by positional reads: the channel stays open (and unmoved) when the stream
 * is closed, since the file is followed on.
 */
final class ChannelSlice extends InputStream {
    private final FileChannel channel;
    private final long to;
    private long position;

    ChannelSlice(FileChannel channel, long from, long to) {
        this.channel = channel;
        this.position = from;
        this.to = to;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (position >= to) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, to - position)), position);
        if (n < 0) {
            throw new IOException("file ended at byte " + position + ", before byte " + to + " (truncated while read)");
        }
        position += n;
        return n;
    }

    /** Reads up to {@code length} bytes from {@code from}; fewer at the end of the file. */
    static byte[] bytes(FileChannel channel, long from, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        long at = from;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, at);
            if (n < 0) {
                break;
            }
            at += n;
        }
        byte[] out = new byte[buf.position()];
        buf.flip().get(out);
        return out;
    }
}
