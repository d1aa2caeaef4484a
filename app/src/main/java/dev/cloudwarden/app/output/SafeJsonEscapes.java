package dev.cloudwarden.app.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.cloudwarden.engine.event.Json;

import java.io.IOException;
import java.io.Writer;

/**
 * JSON escaping that also escapes DEL, the C1 controls and bidi overrides. Jackson already escapes
 * C0 controls; these others are legal in JSON strings but act on the terminals that NDJSON is often
 * piped to ({@code cloudwarden events x | less}).
 */
public final class SafeJsonEscapes extends CharacterEscapes {
    private static final int[] ASCII = standardAsciiEscapesForJSON();

    static {
        ASCII[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
    }

    /** A generator writing one JSON value per line with these escapes: every NDJSON output uses it. */
    public static JsonGenerator newlineSeparated(Writer out) throws IOException {
        JsonGenerator g = Json.FACTORY.createGenerator(out);
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
        return TerminalText.needsEscape((char) ch) ? new SerializedString(String.format("\\u%04x", ch)) : null;
    }
}
