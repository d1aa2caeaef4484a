package dev.cloudwarden.engine.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it. Lines end at LF (a CR before it is dropped).
 * A line longer than the limit is not buffered: its first bytes are kept for the error report and the
 * rest is skipped up to the next LF, so one runaway line cannot exhaust memory.
 */
public final class LineReader {
    private static final int EXCERPT = 512;

    private final InputStream in;
    private final int maxLineBytes;
    private byte[] buf = new byte[64 * 1024];
    private int pos;   // start of unconsumed data
    private int limit; // end of valid data
    private boolean eof;

    private int lineStart;
    private int lineLength;
    private long lineNumber;
    private long overflowBytes;
    private final long[] highBits = new long[1];
    private boolean ascii;

    public LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Advances to the next line.
     *
     * @return false at the end of input
     * @throws IOException from the stream (a truncated .gz shows up here); the bytes of the unfinished
     *                     line stay available through {@link #pendingBytes()}
     */
    public boolean next() throws IOException {
        overflowBytes = 0;
        highBits[0] = 0;
        int scanFrom = pos;
        while (true) {
            int nl = Bytes.indexOfNewline(buf, scanFrom, limit, highBits);
            if (nl >= 0) {
                emit(pos, nl);
                pos = nl + 1;
                return true;
            }
            scanFrom = limit;
            if (limit - pos > maxLineBytes) {
                skipRestOfLongLine();
                return true;
            }
            if (eof) {
                if (limit > pos) {
                    emit(pos, limit);
                    pos = limit;
                    return true;
                }
                return false;
            }
            scanFrom = fill();
        }
    }

    private void emit(int start, int endExclusive) {
        int end = endExclusive;
        if (end > start && buf[end - 1] == '\r') {
            end--;
        }
        lineStart = start;
        lineLength = end - start;
        lineNumber++;
        ascii = highBits[0] == 0;
        if (lineLength > maxLineBytes) {
            // Already buffered (it fit in the read buffer), but still over the limit: report it the same way.
            overflowBytes = lineLength;
            lineLength = Math.min(EXCERPT, maxLineBytes);
        }
    }

    /** Reads more input, compacting or growing the buffer; returns where scanning should resume. */
    private int fill() throws IOException {
        int pending = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, pending);
            pos = 0;
            limit = pending;
        }
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, Math.min(buf.length * 2, maxLineBytes + 2));
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
        return pending;
    }

    private void skipRestOfLongLine() throws IOException {
        int excerpt = Math.min(EXCERPT, maxLineBytes);
        lineNumber++;
        long skipped = limit - pos;
        // Keep the excerpt at the start of the buffer; discard everything after it.
        System.arraycopy(buf, pos, buf, 0, excerpt);
        lineStart = 0;
        lineLength = excerpt;
        ascii = false;
        pos = excerpt;
        limit = excerpt;
        while (true) {
            int n = in.read(buf, excerpt, buf.length - excerpt);
            if (n < 0) {
                eof = true;
                break;
            }
            int nl = Bytes.indexOfNewline(buf, excerpt, excerpt + n);
            if (nl >= 0) {
                skipped += nl - excerpt;
                // Keep what follows the newline for the next lines.
                int rest = excerpt + n - (nl + 1);
                System.arraycopy(buf, nl + 1, buf, excerpt, rest);
                limit = excerpt + rest;
                break;
            }
            skipped += n;
        }
        overflowBytes = skipped;
    }

    /** The current line's bytes live in {@code buffer()[start() .. start()+length())}. Valid until the next call. */
    public byte[] buffer() {
        return buf;
    }

    public int start() {
        return lineStart;
    }

    public int length() {
        return lineLength;
    }

    /**
     * True when the scan that found this line saw only ASCII bytes, so it needs no UTF-8 check. False
     * means "maybe not": check it.
     */
    public boolean isAscii() {
        return ascii;
    }

    /** 1-based number of the current line. */
    public long lineNumber() {
        return lineNumber;
    }

    /** When the current line was over the limit: its full length in bytes; otherwise 0. Its bytes are an excerpt. */
    public long oversizedLength() {
        return overflowBytes;
    }

    /** Bytes read but not yet returned as a line (the unfinished last line when the stream failed). */
    public byte[] pendingBytes() {
        return Arrays.copyOfRange(buf, pos, limit);
    }

    /** True when the current line is blank (empty or whitespace only). */
    public boolean isBlank() {
        for (int i = lineStart; i < lineStart + lineLength; i++) {
            byte c = buf[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }
}
