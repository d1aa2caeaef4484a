package dev.cloudwarden.app.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Jackson's UTF-8 generator, writing surrogates as the character writer before it did.
 *
 * <p>NDJSON used to go through a UTF-8 character encoder: a surrogate pair became one 4-byte character, and a
 * lone surrogate (JSON input can hold one as an escape, {@code "\ud800"}) became {@code ?}. Jackson writes pairs
 * as one character only when told to ({@link JsonGenerator.Feature#COMBINE_UNICODE_SURROGATES_IN_UTF8}), and then
 * joins a high surrogate with whatever character follows it, which could swallow an escape. So lone surrogates
 * are replaced with {@code ?} before Jackson sees the text.
 *
 * <p>Looking for them costs nothing for most log values: they are printable ASCII, which {@link String#getBytes}
 * encodes with a vectorized copy and which needs no escaping, so their bytes are checked and copied as they are.
 */
final class SafeUtf8Generator extends JsonGeneratorDelegate {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long CONTROL_LIMIT = 0x2020202020202020L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long DELETES = 0x7F7F7F7F7F7F7F7FL;

    SafeUtf8Generator(JsonGenerator utf8) {
        super(utf8.enable(JsonGenerator.Feature.COMBINE_UNICODE_SURROGATES_IN_UTF8), false); // trees come back through here
    }

    @Override
    public void writeString(String text) throws IOException {
        if (text == null) {
            delegate.writeNull();
            return;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8); // a lone surrogate becomes '?' here too
        if (isPlain(utf8)) {
            delegate.writeRawUTF8String(utf8, 0, utf8.length);
        } else {
            delegate.writeString(pairedSurrogatesOnly(text));
        }
    }

    @Override
    public void writeFieldName(String name) throws IOException {
        delegate.writeFieldName(pairedSurrogatesOnly(name));
    }

    /**
     * Printable ASCII other than the quote and the backslash: nothing that JSON or our escapes would change. Every
     * string of every event passes here, so it looks at eight bytes at a time: a byte is flagged when it is
     * negative (not ASCII), below 0x20, DEL, a quote or a backslash (each test exact, so a word with no flag is
     * plain).
     */
    static boolean isPlain(byte[] utf8) {
        int i = 0;
        for (; i + 8 <= utf8.length; i += 8) {
            long w = (long) LONGS.get(utf8, i);
            long flagged = w | ((w - CONTROL_LIMIT) & ~w) | zeroByte(w ^ QUOTES) | zeroByte(w ^ BACKSLASHES)
                    | zeroByte(w ^ DELETES);
            if ((flagged & HIGHS) != 0) {
                return false;
            }
        }
        for (; i < utf8.length; i++) {
            byte b = utf8[i];
            if (b < 0x20 || b == 0x7F || b == '"' || b == '\\') { // non-ASCII bytes are negative
                return false;
            }
        }
        return true;
    }

    /** The high bit of each byte of {@code x} is set where that byte is zero (and possibly above it: only used as "any"). */
    private static long zeroByte(long x) {
        return (x - ONES) & ~x;
    }

    /** {@code text} with each surrogate that is not half of a pair replaced with {@code ?}. */
    static String pairedSurrogatesOnly(String text) {
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            if (chars == null) {
                chars = text.toCharArray();
            }
            chars[i] = '?';
        }
        return chars == null ? text : new String(chars);
    }
}
