package dev.cloudwarden.engine.ingest.read;

/** UTF-8 validation without decoding: log lines are checked once so that bad bytes are reported, not replaced. */
public final class Utf8 {
    private Utf8() {
    }

    /** Offset of the first byte that is not part of well-formed UTF-8 (RFC 3629), or -1 when all is well. */
    public static int firstInvalid(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            if (b[i] >= 0) {
                i = Bytes.skipAscii(b, i + 1, to); // logs are mostly ASCII: skip it a word at a time
                continue;
            }
            int next = sequenceEnd(b, i, to);
            if (next < 0) {
                return i;
            }
            i = next;
        }
        return -1;
    }

    /**
     * Checks the multi-byte sequence that starts at {@code i} (a byte with its high bit set) and returns the
     * index just after it, or -1 when it is malformed: a bad lead or continuation byte, an overlong form,
     * a surrogate, a code point above U+10FFFF, or cut off by {@code to}.
     */
    public static int sequenceEnd(byte[] b, int i, int to) {
        int c = b[i] & 0xFF;
        int need;
        int min;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            min = 0x10000;
        } else {
            return -1;
        }
        if (i + need >= to) {
            return -1;
        }
        int cp = c & (0x3F >> need);
        for (int k = 1; k <= need; k++) {
            int cc = b[i + k] & 0xFF;
            if ((cc & 0xC0) != 0x80) {
                return -1;
            }
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return -1;
        }
        return i + need + 1;
    }
}
