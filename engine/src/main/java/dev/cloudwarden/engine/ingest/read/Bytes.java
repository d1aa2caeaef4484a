package dev.cloudwarden.engine.ingest.read;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte scans over log buffers, eight bytes at a time ("SIMD within a register"). Finding line ends and
 * checking for non-ASCII bytes touch every byte of every input, so they must run at memory speed,
 * several times faster than a byte-by-byte loop.
 */
final class Bytes {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

    private Bytes() {
    }

    /** Index of the first LF in {@code b[from, to)}, or -1. */
    static int indexOfNewline(byte[] b, int from, int to) {
        return indexOfNewline(b, from, to, null);
    }

    /**
     * Index of the first LF in {@code b[from, to)}, or -1. When {@code highBits} is given, bytes with the
     * high bit set seen on the way (and possibly a few past the LF) are OR-ed into {@code highBits[0]}, so
     * the caller learns "all ASCII" from the same pass.
     */
    static int indexOfNewline(byte[] b, int from, int to, long[] highBits) {
        int i = from;
        long seen = 0;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(b, i);
            seen |= w;
            long x = w ^ NEWLINES;
            // A zero byte in x is a newline in the input; this sets the high bit of the first such byte.
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) {
                record(highBits, seen);
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            seen |= b[i];
            if (b[i] == '\n') {
                record(highBits, seen);
                return i;
            }
        }
        record(highBits, seen);
        return -1;
    }

    private static void record(long[] highBits, long seen) {
        if (highBits != null) {
            highBits[0] |= seen & HIGHS;
        }
    }

    /** Index of the first byte with its high bit set in {@code b[from, to)}, or {@code to} when all are ASCII. */
    static int skipAscii(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long high = (long) LONGS.get(b, i) & HIGHS;
            if (high != 0) {
                return i + (Long.numberOfTrailingZeros(high) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] < 0) {
                return i;
            }
        }
        return to;
    }
}
