package dev.cloudwarden.app.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.cloudwarden.engine.event.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * JSON escaping that also escapes DEL, the C1 controls and bidi overrides. Jackson already escapes
 * C0 controls; these others are legal in JSON strings but act on the terminals that NDJSON is often
 * piped to ({@code cloudwarden events x | less}).
 */
public final class SafeJsonEscapes extends CharacterEscapes {
    private static final int[] ASCII = standardAsciiEscapesForJSON();
    /** Escapes made once for the characters up to the bidi isolates: attacker input may be full of them. */
    private static final SerializedString[] MADE = new SerializedString[0x2070];

    static {
        ASCII[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
        for (char c = 0; c < MADE.length; c++) {
            MADE[c] = escape(c);
        }
    }

    /** A generator writing one JSON value per line with these escapes: every NDJSON output uses it. */
    public static JsonGenerator newlineSeparated(Writer out) throws IOException {
        return newlineSeparated(Json.FACTORY.createGenerator(out));
    }

    /**
     * As above, writing UTF-8 bytes: JSON's own encoding, with no character encoder after the generator, and with
     * Jackson's byte generator, which copies ASCII through and consults the escapes only for other characters.
     */
    public static JsonGenerator newlineSeparated(OutputStream out) throws IOException {
        return newlineSeparated(new SafeUtf8Generator(Json.FACTORY.createGenerator(out, JsonEncoding.UTF8)));
    }

    private static JsonGenerator newlineSeparated(JsonGenerator g) {
        g.setRootValueSeparator(new SerializedString("\n"));
        g.setCharacterEscapes(new SafeJsonEscapes());
        return g;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ASCII;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        return ch < MADE.length ? MADE[ch] : escape((char) ch);
    }

    private static SerializedString escape(char c) {
        return TerminalText.needsEscape(c) ? new SerializedString(String.format("\\u%04x", (int) c)) : null;
    }
}
