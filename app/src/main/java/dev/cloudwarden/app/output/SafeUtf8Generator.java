package dev.cloudwarden.app.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;

import java.io.IOException;
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

    /** Printable ASCII other than the quote and the backslash: nothing that JSON or our escapes would change. */
    static boolean isPlain(byte[] utf8) {
        for (byte b : utf8) {
            if (b < 0x20 || b == 0x7F || b == '"' || b == '\\') { // non-ASCII bytes are negative
                return false;
            }
        }
        return true;
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
